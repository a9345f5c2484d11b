import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { WebhookIngress } from '../webhook-ingress';

/** `POST /webhooks/telegram`: Telegram's updates, checked by `X-Telegram-Bot-Api-Secret-Token`. */
@ApiExcludeController()
@Controller('webhooks/telegram')
export class TelegramController {
  constructor(private readonly ingress: WebhookIngress) {}

  @Post()
  @HttpCode(200)
  receive(@Req() request: Request) {
    return this.ingress.receive('telegram', request);
  }
}
