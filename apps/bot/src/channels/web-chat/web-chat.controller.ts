import { Body, Controller, Get, Headers, HttpCode, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { isLocale, pickLocale } from '@turbota/common';
import { parseOrThrow } from '@turbota/server';
import { CHAT_ASSETS, CHAT_CSP, WebChatPage } from './web-chat-page';
import { openSessionSchema, POINT, sendInputSchema } from './web-chat.dto';
import { WebChatService } from './web-chat.service';

const EVENT_POLL_MS = 1500;
const HEARTBEAT_MS = 25_000;

/** The self-hosted web chat: the page, its assets, and its JSON + Server-Sent Events API. */
@ApiExcludeController()
@Controller('chat')
export class WebChatController {
  constructor(
    private readonly chat: WebChatService,
    private readonly page: WebChatPage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  show(@Query('lang') lang: string | undefined, @Query('point') point: string | undefined, @Headers('accept-language') accept: string | undefined, @Res() res: Response): void {
    if (point !== undefined) parseOrThrow(POINT, point);
    const locale = isLocale(lang) ? lang : pickLocale([accept], this.config.defaultLocale);
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CHAT_CSP, 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
    res.send(this.page.render(locale, point));
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const body = this.page.asset(name);
    if (body === undefined) throw new NotFoundException(`No asset ${name}`);
    res.set({ 'Content-Type': CHAT_ASSETS[name], 'Cache-Control': 'public, max-age=300', ...SECURITY_HEADERS });
    res.send(body);
  }

  @Post('api/sessions')
  @HttpCode(200)
  async open(@Body() body: unknown) {
    const request = parseOrThrow(openSessionSchema, body);
    const opened = await this.chat.open(request);
    return { session: opened.session, locale: request.locale, messages: opened.messages };
  }

  @Post('api/sessions/:token/inputs')
  @HttpCode(200)
  async send(@Param('token') token: string, @Body() body: unknown) {
    return { messages: await this.chat.send(token, parseOrThrow(sendInputSchema, body)) };
  }

  /** Pushes messages made elsewhere (a supervisor's follow-up); `id` is the sequence number, so a reconnect resumes. */
  @Get('api/sessions/:token/events')
  async events(@Param('token') token: string, @Headers('last-event-id') lastEventId: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    let lastSeq = /^\d{1,18}$/.test(lastEventId ?? '') ? lastEventId : undefined;
    const first = await this.chat.after(token, lastSeq);
    res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    let closed = false;
    let beat = Date.now();
    const push = (batch: { seq: string; message: unknown }[]) => {
      for (const { seq, message } of batch) res.write(`event: message\nid: ${seq}\ndata: ${JSON.stringify(message)}\n\n`);
      if (batch.length) lastSeq = batch[batch.length - 1].seq;
    };
    push(first);
    const poll = async () => {
      if (closed) return;
      try {
        push(await this.chat.after(token, lastSeq));
        if (Date.now() - beat > HEARTBEAT_MS) {
          res.write(': keep-alive\n\n');
          beat = Date.now();
        }
      } catch {
        // The database is away for a moment; the next poll tries again.
      }
      if (!closed) timer = setTimeout(() => void poll(), EVENT_POLL_MS);
    };
    let timer = setTimeout(() => void poll(), EVENT_POLL_MS);
    req.on('close', () => {
      closed = true;
      clearTimeout(timer);
    });
  }
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};
