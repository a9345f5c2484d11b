import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { WebhookIngress } from '../webhook-ingress';

/** `POST /webhooks/viber`: Viber's callbacks, checked by `X-Viber-Content-Signature`. */
@ApiExcludeController()
@Controller('webhooks/viber')
export class ViberController {
  constructor(private readonly ingress: WebhookIngress) {}

  @Post()
  @HttpCode(200)
  receive(@Req() request: Request) {
    return this.ingress.receive('viber', request);
  }
}
