import type { Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DatabaseHandle } from '@turbota/persistence';
import { ApiModule } from '../../apps/api/src/api.module';
import { BotModule } from '../../apps/bot/src/bot.module';
import { OutboxSender } from '../../apps/bot/src/outbox/outbox-sender';
import { SENDER_LEASE_MS } from '../../apps/bot/src/outbox/sender-leases';
import { FakeTelegram } from '../support/fake-telegram';
import { Api } from '../support/incidents-api';
import { ManualClock } from '../support/manual-clock';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

jest.setTimeout(120_000);

const TOKEN = '7000000047:AAHsender-lease';
const BACKLOG = 100;
const FIRST_CHAT = 47_000_000;
// 12:00 in Kyiv: outside the default policy's quiet hours, so every contact is invited at once.
const NOON_KYIV = '2027-06-03T09:00:00.000Z';

describe(`one sender per bot across bot processes (${databaseKind})`, () => {
  const clock = new ManualClock(NOON_KYIV);
  const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: 'sender-lease-secret', TELEGRAM_API_ROOT: '' };
  let telegram: FakeTelegram;
  let database: DatabaseHandle;
  const live = new Set<TestApp>();
  let externalId = 0;

  beforeAll(async () => {
    telegram = await FakeTelegram.start(TOKEN);
    telegram.enforceLimits = true;
    env.TELEGRAM_API_ROOT = telegram.url;
    database = await openTestDatabase();
  });
  afterAll(async () => {
    for (const app of live) await app.close({ closeDatabase: false });
    await database?.close();
    await telegram?.close();
  });

  const start = async (features: Type[]) => {
    const app = await startTestApp({ env, clock, database, features });
    live.add(app);
    return app;
  };
  const stop = async (app: TestApp) => {
    live.delete(app);
    await app.close({ closeDatabase: false });
  };
  /** Reports contacts of new Telegram customers, four at a time; each invitation is one outbox message. */
  const invite = async (api: TestApp, chats: number[]) => {
    const admin = new Api(api.url);
    const integration = admin.as(await admin.key('integration', 'CRM'));
    for (let i = 0; i < chats.length; i += 4) {
      const decisions = await Promise.all(
        chats.slice(i, i + 4).map((chat) =>
          integration.json<{ decision: string }>('/api/v1/contacts', {
            body: { externalId: `lease-${++externalId}`, customer: { locale: 'en', channel: 'telegram', address: String(chat) }, occurredAt: clock.now().toISOString() },
          }),
        ),
      );
      expect(decisions.map((d) => d.decision)).toEqual(decisions.map(() => 'invited'));
    }
  };
  const db = (app: TestApp) => app.app.get(DataSource);
  const pending = async (app: TestApp) =>
    (await db(app).query<{ n: number }[]>(`SELECT count(*)::int AS n FROM message WHERE direction = 'out' AND delivery = 'pending'`))[0].n;
  const leaseHolders = async (app: TestApp) =>
    (await db(app).query<{ holder: string }[]>(`SELECT holder FROM outbox_sender_lease WHERE channel = 'telegram'`)).map((r) => r.holder);
  /** The most sendMessage requests the platform received in any one second. */
  const busiestSecond = (at: number[]) => Math.max(0, ...at.map((t) => at.filter((u) => u >= t && u < t + 1000).length));

  it('keeps two bot processes to the platform\'s 30 a second, loses and doubles nothing, and hands over when the sender stops', async () => {
    const chats = Array.from({ length: BACKLOG }, (_, i) => FIRST_CHAT + i);
    // The backlog, written by an API process while no bot runs.
    const api = await start([ApiModule]);
    await invite(api, chats);
    await stop(api);

    const bots = await Promise.all([start([BotModule]), start([BotModule])]);
    await waitFor(() => (telegram.delivered('sendMessage').length >= 30 ? true : undefined), 30_000);
    const holders = await leaseHolders(bots[0]);
    const holder = bots.find((b) => holders.includes(b.app.get(OutboxSender).holder))!;
    const [other] = bots.filter((b) => b !== holder);
    expect(holders).toEqual([holder.app.get(OutboxSender).holder]);
    await stop(holder);
    const stoppedAt = Date.now();
    expect(await pending(other)).toBeGreaterThan(0);

    await waitFor(async () => ((await pending(other)) === 0 ? true : undefined), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // a copy sent twice would arrive now
    const requests = telegram.calls.filter((c) => c.method === 'sendMessage');
    const takenOverAt = Math.min(...requests.filter((c) => c.at > stoppedAt).map((c) => c.at));

    expect(await leaseHolders(other)).toEqual([other.app.get(OutboxSender).holder]);
    // Taken over on the holder's release, well before its lease would have run out.
    expect(takenOverAt - stoppedAt).toBeLessThan(SENDER_LEASE_MS);
    expect(busiestSecond(requests.map((c) => c.at))).toBeLessThanOrEqual(30);
    expect(requests.filter((c) => c.status === 429)).toEqual([]);
    const perChat = chats.map((chat) => telegram.delivered('sendMessage', String(chat)).length);
    expect(perChat.filter((n) => n !== 1)).toEqual([]);
    const stored = await db(other).query<{ delivery: string; n: number }[]>(
      `SELECT delivery, count(*)::int AS n FROM message WHERE direction = 'out' GROUP BY delivery`,
    );
    expect(stored).toEqual([{ delivery: 'sent', n: BACKLOG }]);
  });

  it('sends again once a crashed holder\'s lease has run out, and not before', async () => {
    for (const app of [...live]) await stop(app);
    const chat = FIRST_CHAT + BACKLOG;
    const api = await start([ApiModule]);
    // A holder that died without giving its lease back, with 6 s of it left.
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected].
    const [[{ until }]] = await db(api).query<[{ until: Date }[], number]>(
      `UPDATE outbox_sender_lease SET holder = 'gone-host:1:dead', lease_until = now() + interval '6 seconds' WHERE channel = 'telegram' RETURNING lease_until AS until`,
    );
    await invite(api, [chat]);
    await stop(api);
    await start([BotModule]);
    const startedAt = Date.now();
    const sent = await waitFor(() => telegram.delivered('sendMessage', String(chat))[0], 20_000);

    expect(sent.at).toBeGreaterThanOrEqual(until.getTime());
    // Taken within a lease check of its end (or of the start, on a machine slow to start the bot).
    expect(sent.at - Math.max(until.getTime(), startedAt)).toBeLessThan(3_000);
    expect(telegram.delivered('sendMessage', String(chat))).toHaveLength(1);
  });
});
