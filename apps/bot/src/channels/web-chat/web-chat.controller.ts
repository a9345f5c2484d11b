import { Body, Controller, Get, Headers, HttpCode, Inject, Logger, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { isLocale, type Locale, pickLocale } from '@turbota/common';
import { InputBudgetExceededError } from '@turbota/conversations';
import { CustomerPoints, MessengerAccounts, pointLinks } from '@turbota/points';
import { SurveyLinks } from '@turbota/triggers';
import { clientAddressOf, parseOrThrow, tooManyRequests } from '@turbota/server';
import { CHAT_ASSETS, CHAT_CSP, type LinkMessengers, UNSUBSCRIBE_CSP, WebChatPage } from './web-chat-page';
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
  async showLink(
    @Param('token') token: string,
    @Query('lang') lang: string | undefined,
    @Query('answer') given: unknown,
    @Headers('accept-language') accept: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const link = await this.links.peek(token);
    const locale = this.linkLocale(link?.locale, accept, lang);
    const problem = link === null ? 'unknown' : link.expired ? 'expired' : null;
    // A score from an e-mail's button is taken only as the page opens the survey: following the link (a mail scanner) answers nothing.
    const answer = typeof given === 'string' && /^(?:10|\d)$/.test(given) ? Number(given) : undefined;
    const messengers = link && !link.expired && !link.opened && answer === undefined ? await this.messengerLinks(token) : {};
    res.status(link === null ? 404 : 200);
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CHAT_CSP, 'Cache-Control': 'no-store' });
    res.send(this.page.render(locale, undefined, false, { token, problem, messengers, answer }));
  }

  /** An e-mail's unsubscribe link: the page asks to confirm (a mail scanner following the link unsubscribes no one). */
  @Get('s/:token/unsubscribe')
  async askUnsubscribe(
    @Param('token') token: string,
    @Query('lang') lang: string | undefined,
    @Headers('accept-language') accept: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const link = await this.links.peek(token);
    const locale = this.linkLocale(link?.locale, accept, lang);
    res.status(link === null ? 404 : 200);
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': UNSUBSCRIBE_CSP, 'Cache-Control': 'no-store' });
    res.send(this.page.renderUnsubscribe(locale, link === null ? 'unknown' : 'ask'));
  }

  /**
   * Unsubscribes the link's customer from invitations on every channel: the confirmation's
   * form, and the one-click `List-Unsubscribe-Post` of RFC 8058 that mail clients send (its
   * body, `List-Unsubscribe=One-Click`, says nothing the address does not). Within the
   * address's budget of web chat inputs.
   */
  @Post('s/:token/unsubscribe')
  @HttpCode(200)
  async unsubscribe(
    @Param('token') token: string,
    @Query('lang') lang: string | undefined,
    @Headers('accept-language') accept: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const verdict = this.limits.takeInput(clientAddressOf(req));
    if (!verdict.allowed) throw tooManyRequests(res, verdict.retryAfterSeconds, `More than ${this.limits.inputsPerAddress} web chat inputs a minute came from this address`);
    const done = await this.links.unsubscribe(token);
    res.status(done === null ? 404 : 200);
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': UNSUBSCRIBE_CSP, 'Cache-Control': 'no-store' });
    res.send(this.page.renderUnsubscribe(this.linkLocale(done?.locale, accept, lang), done === null ? 'unknown' : 'done'));
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

  /** A link's page speaks `lang` when the page asked for it, else the contact's language, else the browser's. */
  private linkLocale(contactLocale: Locale | undefined, accept: string | undefined, lang?: string): Locale {
    const { supportedLocales, defaultLocale } = this.config;
    if (isLocale(lang) && supportedLocales.includes(lang)) return lang;
    if (contactLocale && supportedLocales.includes(contactLocale)) return contactLocale;
    return pickLocale([accept], defaultLocale, supportedLocales);
  }

  /**
   * Deep links that open the link's survey in each messenger that is on. A bot whose public
   * name cannot be learnt now (the platform unreachable or slow) is left off: the page still
   * works in the browser, and the next page asks again.
   */
  private async messengerLinks(token: string): Promise<LinkMessengers> {
    const { telegram, viber, messenger } = this.config.channels;
    const [telegramName, viberUri, pageName] = await Promise.all([
      telegram ? this.lookUp('Telegram', () => this.accounts.telegramUsername()) : undefined,
      viber ? this.lookUp('Viber', () => this.accounts.viberChatUri()) : undefined,
      messenger ? this.lookUp('Messenger', () => this.accounts.messengerPageUsername()) : undefined,
    ]);
    return {
      ...(telegramName && { telegram: pointLinks.telegram(telegramName, token) }),
      ...(viberUri && { viber: pointLinks.viber(viberUri, token) }),
      ...(pageName && { messenger: pointLinks.messenger(pageName, token) }),
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
