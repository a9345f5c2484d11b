import { Body, Controller, Get, Headers, HttpCode, Inject, Logger, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { isLocale, pickLocale } from '@turbota/common';
import { InputBudgetExceededError } from '@turbota/conversations';
import { CustomerPoints, MessengerAccounts, pointLinks } from '@turbota/points';
import { SurveyLinks } from '@turbota/triggers';
import { clientAddressOf, parseOrThrow, tooManyRequests } from '@turbota/server';
import { CHAT_ASSETS, CHAT_CSP, type LinkMessengers, WebChatPage } from './web-chat-page';
import { WebChatEvents } from './web-chat-events';
import { WebChatLimits } from './web-chat-limits';
import { GIVEN_POINT, openSessionSchema, sendInputSchema } from './web-chat.dto';
import { WEB_CHANNEL, WebChatService } from './web-chat.service';
import { storable } from '../storable-text';

/**
 * How long a link's page waits for a bot's public name (asked once, then remembered): a slow
 * platform leaves its messenger off this page rather than keeping the customer waiting.
 */
const MESSENGER_LOOKUP_MS = 2_000;

/** The self-hosted web chat: the page, its assets, and its JSON + Server-Sent Events API. */
@ApiExcludeController()
@Controller('chat')
export class WebChatController {
  private readonly logger = new Logger('WebChat');

  constructor(
    private readonly chat: WebChatService,
    private readonly page: WebChatPage,
    private readonly eventStreams: WebChatEvents,
    private readonly limits: WebChatLimits,
    private readonly points: CustomerPoints,
    private readonly links: SurveyLinks,
    private readonly accounts: MessengerAccounts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The page; a `point` that names no registered point is dropped (and counted) here, and the
   * page says kindly that the place was not recognised while the generic survey runs.
   */
  @Get()
  async show(@Query('lang') lang: string | undefined, @Query('point') point: unknown, @Headers('accept-language') accept: string | undefined, @Res() res: Response): Promise<void> {
    const given = point === undefined ? undefined : GIVEN_POINT.safeParse(point).data ?? null;
    const code = await this.points.accept(WEB_CHANNEL, given);
    const { supportedLocales, defaultLocale } = this.config;
    const locale = isLocale(lang) && supportedLocales.includes(lang) ? lang : pickLocale([accept], defaultLocale, supportedLocales);
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CHAT_CSP, 'Cache-Control': 'no-store' });
    res.send(this.page.render(locale, code ?? undefined, given !== undefined && code === null));
  }

  /**
   * A contact's personal survey link: the page in the contact's language (unless `lang` says
   * otherwise), which opens the contact's survey. While the link can still open it, the page
   * offers the messengers that are on too (one survey: wherever it opens first keeps it). A
   * link unknown or past its time still gets the page (404 for an unknown one), which says so.
   */
  @Get('s/:token')
  async showLink(@Param('token') token: string, @Query('lang') lang: string | undefined, @Headers('accept-language') accept: string | undefined, @Res() res: Response): Promise<void> {
    const link = await this.links.peek(token);
    const { supportedLocales, defaultLocale } = this.config;
    const asked = isLocale(lang) && supportedLocales.includes(lang) ? lang : link && supportedLocales.includes(link.locale) ? link.locale : undefined;
    const locale = asked ?? pickLocale([accept], defaultLocale, supportedLocales);
    const problem = link === null ? 'unknown' : link.expired ? 'expired' : null;
    const messengers = link && !link.expired && !link.opened ? await this.messengerLinks(token) : {};
    res.status(link === null ? 404 : 200);
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CHAT_CSP, 'Cache-Control': 'no-store' });
    res.send(this.page.render(locale, undefined, false, { token, problem, messengers }));
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

  /** One action of the page, within the client address's budget and the session's (429 with Retry-After past either). */
  @Post('api/sessions/:token/inputs')
  @HttpCode(200)
  async send(@Param('token') token: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const action = storable(parseOrThrow(sendInputSchema, body));
    const verdict = this.limits.takeInput(clientAddressOf(req));
    if (!verdict.allowed) throw tooManyRequests(res, verdict.retryAfterSeconds, `More than ${this.limits.inputsPerAddress} web chat inputs a minute came from this address`);
    try {
      return { messages: await this.chat.send(token, action) };
    } catch (error) {
      if (error instanceof InputBudgetExceededError) throw tooManyRequests(res, error.retryAfterSeconds, `This chat session sent more than ${error.perMinute} inputs a minute`);
      throw error;
    }
  }

  /** Server-Sent Events: messages made elsewhere (a supervisor's follow-up), resumable by `Last-Event-ID`. */
  @Get('api/sessions/:token/events')
  events(@Param('token') token: string, @Headers('last-event-id') lastEventId: string | undefined, @Req() req: Request, @Res() res: Response) {
    return this.eventStreams.stream(token, lastEventId, clientAddressOf(req), req, res);
  }

  /**
   * Deep links that open the link's survey in each messenger that is on. A bot whose public
   * name cannot be learnt now (the platform unreachable or slow) is left off: the page still
   * works in the browser, and the next page asks again.
   */
  private async messengerLinks(token: string): Promise<LinkMessengers> {
    const { telegram, viber } = this.config.channels;
    const [telegramName, viberUri] = await Promise.all([
      telegram ? this.lookUp('Telegram', () => this.accounts.telegramUsername()) : undefined,
      viber ? this.lookUp('Viber', () => this.accounts.viberChatUri()) : undefined,
    ]);
    return {
      ...(telegramName && { telegram: pointLinks.telegram(telegramName, token) }),
      ...(viberUri && { viber: pointLinks.viber(viberUri, token) }),
    };
  }

  /** The bot's public name, or undefined (said in the log) when it is not known within MESSENGER_LOOKUP_MS. */
  private async lookUp(platform: string, name: () => Promise<string>): Promise<string | undefined> {
    const late = Symbol('late');
    let timer: NodeJS.Timeout | undefined;
    try {
      const found = await Promise.race([Promise.resolve().then(name), new Promise<typeof late>((resolve) => (timer = setTimeout(resolve, MESSENGER_LOOKUP_MS, late)))]);
      if (found !== late) return found;
      this.logger.warn(`A survey link's page offers no ${platform} link: the bot's public name took over ${MESSENGER_LOOKUP_MS} ms to learn`);
    } catch (error) {
      this.logger.warn(`A survey link's page offers no ${platform} link: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    return undefined;
  }
}
