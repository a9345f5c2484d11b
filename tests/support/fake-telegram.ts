import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeHttpServer } from './fake-http-server';

/** One Bot API call the fake received. */
export interface BotApiCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  status: number;
  result?: Record<string, unknown>;
  /** The error's description, for a call that failed. */
  description?: string;
}

/** A `getUpdates` waiting for an update (a long poll), answered once one comes or its timeout ends. */
interface WaitingPoll {
  answer(status: number, payload: Record<string, unknown>): void;
  timer: NodeJS.Timeout;
  limit: number;
}

/**
 * A local Telegram Bot API server speaking its real protocol (`POST /bot<token>/<method>`,
 * `{ ok, result }` or `{ ok: false, error_code, description, parameters }`), for grammy's
 * client pointed at it through TELEGRAM_API_ROOT. It enforces Telegram's limits when asked
 * (30 messages a second per bot, one a second per chat, 429 with `retry_after` beyond them),
 * always refuses a text over 4,096 characters as Telegram does, and can play a blocked user,
 * an outage or a flood wait.
 *
 * Updates a test pushes wait in a queue for `getUpdates` as on Telegram: a call confirms (drops)
 * those below its `offset`, answers the rest at once or waits up to `timeout` seconds for one;
 * a second call ends the first with 409, and none is answered while a webhook is set.
 */
export class FakeTelegram extends FakeHttpServer {
  readonly calls: BotApiCall[] = [];
  /** Chats that blocked the bot: sending to them answers 403. */
  readonly blocked = new Set<string>();
  /** When set, every call answers this status (an outage). */
  down: number | null = null;
  enforceLimits = false;
  /** The webhook's URL while one is set (`setWebhook`, until `deleteWebhook`). */
  webhook: string | null = null;
  /** The most `getUpdates` calls that were open at once (a second one ends the first, but both were made). */
  mostPollsAtOnce = 0;
  private floodWaits: number[] = [];
  private nextMessageId = 100;
  /** Pushed updates not yet confirmed by an offset past them. */
  private queue: { update_id: number }[] = [];
  private waiting: WaitingPoll | null = null;
  private pollsOpen = 0;
  /** How often each update was handed out by getUpdates. */
  private readonly handedOut = new Map<number, number>();

  private constructor(private readonly token: string) {
    super();
  }

  static async start(token: string): Promise<FakeTelegram> {
    const fake = new FakeTelegram(token);
    await fake.listen('');
    return fake;
  }


  /** The next sends answer 429 with this `retry_after`, one per entry. */
  floodWait(...retryAfterSeconds: number[]): void {
    this.floodWaits.push(...retryAfterSeconds);
  }

  /** Queues updates for getUpdates, as a customer's messages and taps reach Telegram; a waiting long poll answers at once. */
  push(...updates: object[]): void {
    this.queue.push(...(updates as { update_id: number }[]));
    const waiting = this.waiting;
    if (waiting) this.answerPoll(waiting);
  }

  /** How many times getUpdates handed out the update. */
  timesHandedOut(updateId: number): number {
    return this.handedOut.get(updateId) ?? 0;
  }

  /** The getUpdates calls open now (a long poll waiting, or one being answered). */
  openPolls(): number {
    return this.pollsOpen;
  }

  /** Pushed updates that no getUpdates has confirmed yet. */
  unconfirmed(): number {
    return this.queue.length;
  }

  /** Answers a long poll still waiting, so that the server can close. */
  override close(): Promise<void> {
    const waiting = this.waiting;
    if (waiting) this.answerPoll(waiting);
    return super.close();
  }

  /** Successful calls of a method, optionally into one chat. */
  delivered(method: string, chatId?: string): BotApiCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200 && (chatId === undefined || String(c.params.chat_id) === chatId));
  }

  protected handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const params = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
    const method = match?.[2] ?? '';
    const answer = (status: number, payload: Record<string, unknown>) => {
      this.calls.push({ method, params, at: Date.now(), status, result: payload.result as Record<string, unknown> | undefined, description: payload.description as string | undefined });
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(payload));
    };
    if (!match || match[1] !== this.token) return answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    if (this.down) return answer(this.down, { ok: false, error_code: this.down, description: 'Bad Gateway' });
    if (method === 'getUpdates') return this.getUpdates(params, res, answer);
    const chatId = String(params.chat_id as string | number | undefined ?? '');
    if (method === 'sendMessage' || method === 'editMessageText') {
      const wait = this.floodWaits.shift() ?? (this.enforceLimits ? this.limitWait(chatId) : 0);
      if (wait > 0) {
        return answer(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${wait}`, parameters: { retry_after: wait } });
      }
      if (this.blocked.has(chatId)) return answer(403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
      // Telegram's own refusal of a text over 4,096 characters (UTF-16 code units).
      if (typeof params.text === 'string' && params.text.length > 4096) {
        return answer(400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' });
      }
    }
    const date = Math.floor(Date.now() / 1000);
    switch (method) {
      case 'sendMessage':
        return answer(200, { ok: true, result: { message_id: this.nextMessageId++, date, chat: { id: Number(chatId), type: 'private' }, text: params.text } });
      case 'editMessageText':
        return answer(200, { ok: true, result: { message_id: params.message_id, date, chat: { id: Number(chatId), type: 'private' }, text: params.text } });
      case 'setWebhook':
        this.webhook = String(params.url);
        return answer(200, { ok: true, result: true });
      case 'deleteWebhook':
        this.webhook = null;
        if (params.drop_pending_updates === true) this.queue = [];
        return answer(200, { ok: true, result: true });
      case 'answerCallbackQuery':
        return answer(200, { ok: true, result: true });
      case 'getMe':
        return answer(200, { ok: true, result: { id: 1, is_bot: true, first_name: 'Turbota', username: 'turbota_bot' } });
      default:
        return answer(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
  }

  private getUpdates(params: Record<string, unknown>, res: ServerResponse, answer: (status: number, payload: Record<string, unknown>) => void): void {
    if (this.webhook !== null) {
      return answer(409, { ok: false, error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" });
    }
    const earlier = this.waiting;
    if (earlier) {
      this.waiting = null;
      clearTimeout(earlier.timer);
      earlier.answer(409, { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request' });
    }
    const offset = typeof params.offset === 'number' ? params.offset : 0;
    // An offset confirms every update below it: Telegram forgets them.
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    const limit = typeof params.limit === 'number' ? params.limit : 100;
    const timeout = typeof params.timeout === 'number' ? params.timeout : 0;
    this.pollsOpen += 1;
    this.mostPollsAtOnce = Math.max(this.mostPollsAtOnce, this.pollsOpen);
    let open = true;
    const poll: WaitingPoll = {
      answer: (status, payload) => {
        if (!open) return;
        open = false;
        this.pollsOpen -= 1;
        answer(status, payload);
      },
      timer: setTimeout(() => this.answerPoll(poll), timeout * 1000),
      limit,
    };
    // The client gave up (aborted its long poll): the call is over without an answer.
    res.on('close', () => {
      if (!open) return;
      open = false;
      this.pollsOpen -= 1;
      clearTimeout(poll.timer);
      if (this.waiting === poll) this.waiting = null;
    });
    if (this.queue.length > 0 || timeout <= 0) return this.answerPoll(poll);
    this.waiting = poll;
  }

  /** Answers a getUpdates with what is queued (an empty list when its timeout ended with nothing). */
  private answerPoll(poll: WaitingPoll): void {
    if (this.waiting === poll) this.waiting = null;
    clearTimeout(poll.timer);
    const updates = this.queue.slice(0, poll.limit);
    for (const u of updates) this.handedOut.set(u.update_id, (this.handedOut.get(u.update_id) ?? 0) + 1);
    poll.answer(200, { ok: true, result: updates });
  }

  /** Seconds to wait before this send would respect the limits (0: it may go). */
  private limitWait(chatId: string): number {
    const now = Date.now();
    const sent = this.calls.filter((c) => c.status === 200 && (c.method === 'sendMessage' || c.method === 'editMessageText'));
    const lastInChat = sent.filter((c) => String(c.params.chat_id) === chatId).pop();
    const inLastSecond = sent.filter((c) => now - c.at < 1000).length;
    // A little slack for clocks: the platform counts "about" one a second.
    if (lastInChat && now - lastInChat.at < 950) return 1;
    return inLastSecond >= 30 ? 1 : 0;
  }
}
