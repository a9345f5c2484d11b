import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { WebhookIngress } from '../webhook-ingress';

/** `POST /api/messages`: Bot Framework activities, checked by their JWT when an app id is set. */
@ApiExcludeController()
@Controller('api/messages')
export class BotFrameworkController {
  constructor(private readonly ingress: WebhookIngress) {}

  @Post()
  @HttpCode(200)
  receive(@Req() request: Request) {
    return this.ingress.receive('botframework', request);
  }
}
