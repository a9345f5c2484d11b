import { Body, Controller, Get, Headers, HttpCode, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { isLocale, pickLocale } from '@turbota/common';
import { parseOrThrow } from '@turbota/server';
import { CHAT_ASSETS, CHAT_CSP, WebChatPage } from './web-chat-page';
import { WebChatEvents } from './web-chat-events';
import { openSessionSchema, POINT, sendInputSchema } from './web-chat.dto';
import { WebChatService } from './web-chat.service';
import { storable } from '../storable-text';

/** The self-hosted web chat: the page, its assets, and its JSON + Server-Sent Events API. */
@ApiExcludeController()
@Controller('chat')
export class WebChatController {
  constructor(
    private readonly chat: WebChatService,
    private readonly page: WebChatPage,
    private readonly eventStreams: WebChatEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  show(@Query('lang') lang: string | undefined, @Query('point') point: string | undefined, @Headers('accept-language') accept: string | undefined, @Res() res: Response): void {
    if (point !== undefined) parseOrThrow(POINT, point);
    const locale = isLocale(lang) ? lang : pickLocale([accept], this.config.defaultLocale);
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CHAT_CSP, 'Cache-Control': 'no-store' });
    res.send(this.page.render(locale, point));
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const body = this.page.asset(name);
    if (body === undefined) throw new NotFoundException(`No asset ${name}`);
    res.set({ 'Content-Type': CHAT_ASSETS[name], 'Cache-Control': 'public, max-age=300' });
    res.send(body);
  }

  @Post('api/sessions')
  @HttpCode(200)
  async open(@Body() body: unknown) {
    const request = storable(parseOrThrow(openSessionSchema, body));
    const opened = await this.chat.open(request);
    return { session: opened.session, locale: request.locale, messages: opened.messages };
  }

  @Post('api/sessions/:token/inputs')
  @HttpCode(200)
  async send(@Param('token') token: string, @Body() body: unknown) {
    return { messages: await this.chat.send(token, storable(parseOrThrow(sendInputSchema, body))) };
  }

  /** Server-Sent Events: messages made elsewhere (a supervisor's follow-up), resumable by `Last-Event-ID`. */
  @Get('api/sessions/:token/events')
  events(@Param('token') token: string, @Headers('last-event-id') lastEventId: string | undefined, @Req() req: Request, @Res() res: Response) {
    return this.eventStreams.stream(token, lastEventId, req, res);
  }
}
