import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Conversation, type ConversationFlavor, conversations, createConversation } from '@grammyjs/conversations';
import { PsqlAdapter } from '@grammyjs/storage-psql';
import { Bot, type Context, InlineKeyboard, webhookCallback } from 'grammy';
import { Client, Pool } from 'pg';

/**
 * The usual alternative a developer would write: a grammy bot on a webhook, the NPS dialogue
 * as an `@grammyjs/conversations` conversation whose state sits in PostgreSQL through
 * `@grammyjs/storage-psql`, the answer stored in a table, its API calls to the same fake.
 */
const TOKEN = process.env.BENCH_BOT_TOKEN ?? '';
const SECRET = process.env.BENCH_WEBHOOK_SECRET ?? '';
const QUESTION = 'How likely are you to recommend us to a friend or colleague?';

type BenchContext = ConversationFlavor<Context>;

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BENCH_POOL_SIZE ?? 10) });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_grammy_answer (chat_id bigint NOT NULL, score int NOT NULL, answered_at timestamptz NOT NULL DEFAULT now())`);
  // The adapter is typed for one Client; a Pool answers the same `query`, and is fairer to it.
  const storage = await PsqlAdapter.create({ client: pool as unknown as Client, tableName: 'bench_grammy_session' });

  async function nps(conversation: Conversation<BenchContext, Context>, ctx: Context): Promise<void> {
    const keyboard = new InlineKeyboard();
    for (let score = 0; score <= 10; score++) {
      keyboard.text(String(score), `s:${score}`);
      if (score === 5) keyboard.row();
    }
    await ctx.reply(QUESTION, { reply_markup: keyboard });
    const tap = await conversation.waitForCallbackQuery(/^s:\d{1,2}$/);
    const score = Number(tap.callbackQuery.data.slice(2));
    await tap.answerCallbackQuery();
    await tap.editMessageText(`${QUESTION}\n\n✓ ${score}`);
    // Returns nothing: the plugin clones what `external` answers, and a pg result does not clone.
    await conversation.external(async () => {
      await pool.query(`INSERT INTO bench_grammy_answer (chat_id, score) VALUES ($1, $2)`, [tap.chatId, score]);
    });
    await tap.reply(score <= 6 ? 'We are sorry. What exactly went wrong?' : score <= 8 ? 'What could we do better?' : 'Thank you!');
  }

  const bot = new Bot<BenchContext>(TOKEN, {
    botInfo: { id: 1, is_bot: true, first_name: 'Bench', username: 'bench_bot' } as Bot['botInfo'],
    client: { apiRoot: process.env.BENCH_API_ROOT },
  });
  bot.use(conversations({ storage: { type: 'key', adapter: storage as never } }));
  bot.use(createConversation(nps, 'nps'));
  bot.command('start', (ctx) => ctx.conversation.enter('nps'));

  const handle = webhookCallback(bot, 'http', { secretToken: SECRET });
  // A failed update answers 500 (the platform would deliver it again) instead of ending the process.
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error((error as Error).message);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
  process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
