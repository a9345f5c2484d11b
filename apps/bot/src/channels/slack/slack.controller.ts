import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { WebhookIngress } from '../webhook-ingress';

/** `POST /webhooks/slack`: Slack events and interactivity, checked by the signing secret. */
@ApiExcludeController()
@Controller('webhooks/slack')
export class SlackController {
  constructor(private readonly ingress: WebhookIngress) {}

  @Post()
  @HttpCode(200)
  receive(@Req() request: Request) {
    return this.ingress.receive('slack', request);
  }
}
