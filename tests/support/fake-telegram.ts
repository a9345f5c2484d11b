import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeHttpServer } from './fake-http-server';

/** One Bot API call the fake received. */
export interface BotApiCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  status: number;
  result?: Record<string, unknown>;
}

/**
 * A local Telegram Bot API server speaking its real protocol (`POST /bot<token>/<method>`,
 * `{ ok, result }` or `{ ok: false, error_code, description, parameters }`), for grammy's
 * client pointed at it through TELEGRAM_API_ROOT. It enforces Telegram's limits when asked
 * (30 messages a second per bot, one a second per chat, 429 with `retry_after` beyond them),
 * always refuses a text over 4,096 characters as Telegram does, and can play a blocked user,
 * an outage or a flood wait.
 */
export class FakeTelegram extends FakeHttpServer {
  readonly calls: BotApiCall[] = [];
  /** Chats that blocked the bot: sending to them answers 403. */
  readonly blocked = new Set<string>();
  /** When set, every call answers this status (an outage). */
  down: number | null = null;
  enforceLimits = false;
  private floodWaits: number[] = [];
  private nextMessageId = 100;

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

  /** Successful calls of a method, optionally into one chat. */
  delivered(method: string, chatId?: string): BotApiCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200 && (chatId === undefined || String(c.params.chat_id) === chatId));
  }

  protected handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const params = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
    const method = match?.[2] ?? '';
    const answer = (status: number, payload: Record<string, unknown>) => {
      this.calls.push({ method, params, at: Date.now(), status, result: payload.result as Record<string, unknown> | undefined });
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(payload));
    };
    if (!match || match[1] !== this.token) return answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    if (this.down) return answer(this.down, { ok: false, error_code: this.down, description: 'Bad Gateway' });
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
      case 'answerCallbackQuery':
        return answer(200, { ok: true, result: true });
      case 'getMe':
        return answer(200, { ok: true, result: { id: 1, is_bot: true, first_name: 'Turbota', username: 'turbota_bot' } });
      default:
        return answer(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
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
