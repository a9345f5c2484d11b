import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { WebhookIngress } from '../webhook-ingress';
import { SlackRouter } from './slack-router';

/**
 * `POST /webhooks/slack`: Slack events, interactivity and the slash command, checked by the
 * signing secret, then routed by the Slack app (see {@link SlackRouter}).
 */
@ApiExcludeController()
@Controller('webhooks/slack')
export class SlackController {
  constructor(
    private readonly ingress: WebhookIngress,
    private readonly router: SlackRouter,
  ) {}

  @Post()
  @HttpCode(200)
  receive(@Req() request: Request) {
    return this.ingress.receive('slack', request, (body) => this.router.route(body, request.headers));
  }
}
