import { Controller, Get, Header, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { subscriptionChallenge } from '../meta/meta-webhook';
import { WebhookIngress } from '../webhook-ingress';

/**
 * `GET /webhooks/messenger`: Meta's subscription check, answered with its challenge when the
 * verify token is MESSENGER_VERIFY_TOKEN. `POST /webhooks/messenger`: the Page's events,
 * checked by `X-Hub-Signature-256`.
 */
@ApiExcludeController()
@Controller('webhooks/messenger')
export class MessengerController {
  constructor(
    private readonly ingress: WebhookIngress,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  handshake(@Req() request: Request): string {
    return subscriptionChallenge('messenger', request.originalUrl, this.config.channels.messenger?.verifyToken);
  }

  @Post()
  @HttpCode(200)
  receive(@Req() request: Request) {
    return this.ingress.receive('messenger', request);
  }
}
