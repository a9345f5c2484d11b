import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Stores one update: its id, the chat it came from, and the body as it came. */
export type InsertUpdate = (updateId: number, chatId: number, body: string) => Promise<unknown>;

/**
 * The physical baselines' server: a bare `node:http` server that checks the secret header,
 * does one INSERT per update (`insert`) and answers after it, nothing else. It prints its port
 * as the bench expects, and stops on SIGTERM once `close` has.
 */
export function serveBareInserts(insert: InsertUpdate, close: () => Promise<void>): void {
  const secret = process.env.BENCH_WEBHOOK_SECRET ?? '';
  const server = createServer((req, res) => {
    if (req.headers['x-telegram-bot-api-secret-token'] !== secret) return void res.writeHead(401).end();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const update = JSON.parse(text) as { update_id: number; message?: { chat: { id: number } }; callback_query?: { from: { id: number } } };
      const chatId = update.message?.chat.id ?? update.callback_query?.from.id ?? 0;
      insert(update.update_id, chatId, text)
        .then(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'))
        .catch(() => res.writeHead(500).end());
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
  process.on('SIGTERM', () => server.close(() => void close().then(() => process.exit(0))));
}

/** The table both baselines insert into, and the INSERT. */
export const BASELINE_TABLE = `CREATE TABLE IF NOT EXISTS bench_baseline_update (update_id bigint PRIMARY KEY, chat_id bigint NOT NULL, body jsonb NOT NULL)`;
export const BASELINE_INSERT = `INSERT INTO bench_baseline_update (update_id, chat_id, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`;
