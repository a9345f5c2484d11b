import { Controller, ForbiddenException, Get, Header, HttpCode, Inject, NotFoundException, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { hubChallengeOf } from '../meta/meta-webhook';
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

  /** The query is read from the raw URL: `hub.mode` and its kind are names with a dot, which no query parser may take apart. */
  @Get()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  handshake(@Req() request: Request): string {
    const messenger = this.config.channels.messenger;
    if (!messenger) throw new NotFoundException('The messenger channel is off');
    const challenge = hubChallengeOf(new URL(request.originalUrl, 'http://localhost').searchParams, messenger.verifyToken);
    if (challenge === undefined) throw new ForbiddenException('Not a subscription check with the configured verify token');
    return challenge;
  }

  @Post()
  @HttpCode(200)
  receive(@Req() request: Request) {
    return this.ingress.receive('messenger', request);
  }
}
