import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Telegram Bot API for benchmarks, run as its own process so that answering the
 * system under test never steals the load generator's event loop. It answers at once and
 * counts; with BENCH_LIMITS=1 it enforces Telegram's limits (30 messages in any second per
 * bot, one a second per chat, 429 with `retry_after` beyond them) and checks that every
 * 429 is honoured. `GET /stats` answers what it saw.
 */
const TOKEN = process.env.BENCH_BOT_TOKEN ?? '';
const LIMITS = process.env.BENCH_LIMITS === '1';
const PER_BOT_PER_SECOND = 30;
const PER_CHAT_INTERVAL_MS = 1000;
const SENDS = new Set(['sendMessage', 'editMessageText']);

const stats = {
  calls: {} as Record<string, number>,
  delivered: 0,
  firstDeliveredAt: 0,
  lastDeliveredAt: 0,
  rateLimited: 0,
  /** Sends that came while a 429 told the bot (or the chat) to wait, sent after that 429 was answered. */
  dishonoured: 0,
  /** Sends that came within IN_FLIGHT_MS of a 429: already on their way when it was answered. */
  inFlightAfter429: 0,
  /** sendMessage successes per chat: lost and duplicated messages are read from here. */
  perChat: new Map<string, number>(),
  /** sendMessage and editMessageText successes per chat (an answered tap closes its question with an edit). */
  perChatAll: new Map<string, number>(),
};
// Successful sends of the last second, oldest first, for the per-bot limit.
const window: number[] = [];
const lastInChat = new Map<string, number>();
// Sends arriving this soon after a 429 left the client before it could read it.
const IN_FLIGHT_MS = 100;
let botBlocked = { at: 0, until: 0 };
const chatBlocked = new Map<string, { at: number; until: number }>();
let nextMessageId = 1000;

function limitVerdict(chatId: string, now: number): 'bot' | 'chat' | null {
  while (window.length > 0 && now - window[0] >= 1000) window.shift();
  if (now - (lastInChat.get(chatId) ?? -Infinity) < PER_CHAT_INTERVAL_MS) return 'chat';
  return window.length >= PER_BOT_PER_SECOND ? 'bot' : null;
}

function rateLimit(chatId: string, now: number): number | null {
  const blocks = [botBlocked, chatBlocked.get(chatId)].filter((b) => b !== undefined && now < b.until);
  if (blocks.some((b) => now - b!.at > IN_FLIGHT_MS)) stats.dishonoured++;
  else if (blocks.length > 0) stats.inFlightAfter429++;
  const verdict = limitVerdict(chatId, now);
  if (!verdict) return null;
  stats.rateLimited++;
  // Telegram speaks whole seconds; both windows are at most one second long.
  const retryAfter = 1;
  const block = { at: now, until: now + retryAfter * 1000 };
  if (verdict === 'bot') botBlocked = block;
  else chatBlocked.set(chatId, block);
  return retryAfter;
}

function answer(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(payload));
}

function handle(req: IncomingMessage, body: string, res: ServerResponse): void {
  if (req.url === '/stats') {
    return answer(res, 200, { ...stats, perChat: Object.fromEntries(stats.perChat), perChatAll: Object.fromEntries(stats.perChatAll) });
  }
  const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
  if (!match || match[1] !== TOKEN) return answer(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
  const method = match[2];
  stats.calls[method] = (stats.calls[method] ?? 0) + 1;
  const params = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
  const chatId = String((params.chat_id as string | number | undefined) ?? '');
  const now = Date.now();
  if (SENDS.has(method) && LIMITS) {
    const retryAfter = rateLimit(chatId, now);
    if (retryAfter !== null) {
      return answer(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
    }
  }
  if (SENDS.has(method)) {
    window.push(now);
    lastInChat.set(chatId, now);
    stats.delivered++;
    stats.firstDeliveredAt ||= now;
    stats.lastDeliveredAt = now;
    stats.perChatAll.set(chatId, (stats.perChatAll.get(chatId) ?? 0) + 1);
  }
  const date = Math.floor(now / 1000);
  const chat = { id: Number(chatId), type: 'private' };
  switch (method) {
    case 'sendMessage':
      stats.perChat.set(chatId, (stats.perChat.get(chatId) ?? 0) + 1);
      return answer(res, 200, { ok: true, result: { message_id: nextMessageId++, date, chat, text: params.text } });
    case 'editMessageText':
      return answer(res, 200, { ok: true, result: { message_id: params.message_id, date, chat, text: params.text } });
    case 'getMe':
      return answer(res, 200, { ok: true, result: { id: 1, is_bot: true, first_name: 'Bench', username: 'bench_bot' } });
    default:
      return answer(res, 200, { ok: true, result: true });
  }
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  // The parent reads the port from this first line.
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
