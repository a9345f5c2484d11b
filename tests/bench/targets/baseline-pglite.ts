import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';

/**
 * The physical baseline of the embedded database: a bare `node:http` server that checks the
 * secret header and does one INSERT per update into PGlite in its own process (the embedded
 * PostgreSQL `npm start` runs on), nothing else.
 */
const SECRET = process.env.BENCH_WEBHOOK_SECRET ?? '';

async function main(): Promise<void> {
  const db = await PGlite.create({ dataDir: process.env.BENCH_DATA_DIR });
  await db.query(`CREATE TABLE IF NOT EXISTS bench_baseline_update (update_id bigint PRIMARY KEY, chat_id bigint NOT NULL, body jsonb NOT NULL)`);
  const server = createServer((req, res) => {
    if (req.headers['x-telegram-bot-api-secret-token'] !== SECRET) return void res.writeHead(401).end();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const update = JSON.parse(text) as { update_id: number; message?: { chat: { id: number } }; callback_query?: { from: { id: number } } };
      const chatId = update.message?.chat.id ?? update.callback_query?.from.id ?? 0;
      db.query(`INSERT INTO bench_baseline_update (update_id, chat_id, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [update.update_id, chatId, text])
        .then(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'))
        .catch(() => res.writeHead(500).end());
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
  process.on('SIGTERM', () => server.close(() => void db.close().then(() => process.exit(0))));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
