import { Controller, HttpCode, Optional, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { SupervisorWebhook } from '../../supervisors/supervisor-webhook';
import { WebhookIngress } from '../webhook-ingress';

/**
 * `POST /webhooks/slack`: Slack events and interactivity, checked by the signing secret. The
 * supervisors' incident buttons, modals and slash command go to them; the rest is the customers'.
 */
@ApiExcludeController()
@Controller('webhooks/slack')
export class SlackController {
  constructor(
    private readonly ingress: WebhookIngress,
    @Optional() private readonly supervisors?: SupervisorWebhook,
  ) {}

  @Post()
  @HttpCode(200)
  receive(@Req() request: Request) {
    if (this.supervisors?.claims(request.body)) return this.supervisors.receive(request);
    return this.ingress.receive('slack', request);
  }
}
