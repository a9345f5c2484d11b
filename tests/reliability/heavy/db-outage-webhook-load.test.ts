import { DataSource } from 'typeorm';
import type { DatabaseHandle } from '@turbota/persistence';
import { FakeTelegram } from '../../support/fake-telegram';
import { TcpProxy } from '../../support/tcp-proxy';
import { openTestDatabase } from '../../support/test-database';
import { TurbotaProcess } from '../../support/turbota-process';
import { waitFor } from '../../support/wait-for';
import { recordFaultFigures } from '../support/faults-artifacts';
import { npsCustomers, drained, TelegramWebhookPlatform, telegramOutcome } from '../support/faults-telegram-load';

jest.setTimeout(180_000);

const TOKEN = '7000000042:AAHfaults-outage';
const SECRET = 'faults-db-outage-secret';
const SEED = Number(process.env.FAULTS_SEED ?? 4201);
const OUTAGE_MS = 10_000;
const onPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;

describe('the database cut for 10 s under a steady webhook load (PostgreSQL behind a TCP proxy)', () => {
  let database: DatabaseHandle;
  let proxy: TcpProxy;
  let db: DataSource;
  let fake: FakeTelegram;
  let bot: TurbotaProcess | undefined;

  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL) return;
    database = await openTestDatabase();
    fake = await FakeTelegram.start(TOKEN);
  });
  afterAll(async () => {
    await bot?.stop('SIGKILL');
    await proxy?.stop();
    await db?.destroy();
    await fake?.close();
    await database?.close();
  });

  onPostgres(`answers 5xx while it cannot store, recovers without a restart, and loses nothing acknowledged (seed ${SEED})`, async () => {
    const proxied = await TcpProxy.inFrontOf(database.url);
    proxy = proxied.proxy;
    const env = { DATABASE_URL: proxied.url, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.url };
    const running = await (await TurbotaProcess.start('standalone', env)).ready();
    bot = running;
    db = await new DataSource({ type: 'postgres', url: database.url }).initialize();

    const customers = npsCustomers({ count: 240, seed: SEED, firstChat: 42_000_000, firstUpdateId: 420_000 });
    const platform = new TelegramWebhookPlatform({ target: running.url, secret: SECRET, retryMs: 500 });
    // About 20 updates a second for some 25 seconds.
    const load = platform.run(customers, 8, 300);

    await waitFor(() => (platform.acknowledged().length >= 80 ? true : undefined), 60_000);
    const cutAt = Date.now();
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const healthDuring = (await fetch(`${running.url}/health`)).status;
    await proxy.restore();
    const restoredAt = Date.now();
    const healthyAt = await waitFor(async () => ((await fetch(`${running.url}/health`)).status === 200 ? Date.now() : undefined), 60_000);
    await load;

    const pending = await drained(db, 60_000);
    const outcome = await telegramOutcome(db, platform, fake);
    const attempts = platform.deliveries.flatMap((d) => d.attempts);
    const during = attempts.filter((a) => a.at > cutAt && a.at <= restoredAt);
    const firstAckAfter = Math.min(...platform.deliveries.flatMap((d) => d.attempts).filter((a) => a.at > restoredAt && a.status === 200).map((a) => a.at));
    const statusCounts = (list: typeof attempts) => list.reduce<Record<string, number>>((acc, a) => ({ ...acc, [String(a.status)]: (acc[String(a.status)] ?? 0) + 1 }), {});
    const figures = {
      seed: SEED,
      outageMs: OUTAGE_MS,
      updates: platform.deliveries.length,
      acknowledged: outcome.acknowledged,
      answersDuringOutage: statusCounts(during),
      fiveXxDuringOutage: during.filter((a) => typeof a.status === 'number' && a.status >= 500).length,
      acknowledgedDuringOutage: during.filter((a) => a.status === 200).length,
      redeliveredUpdates: platform.redelivered().length,
      healthDuringOutage: healthDuring,
      recoverHealthMs: healthyAt - restoredAt,
      recoverFirstAckMs: firstAckAfter - restoredAt,
      lostInputs: outcome.lostInputs,
      inputsWithoutReply: outcome.inputsWithoutReply,
      lostReplies: outcome.lostReplies + pending,
      duplicatedReplies: outcome.duplicatedReplies,
      inputsStoredTwice: outcome.inputsStoredTwice,
      restarts: 0,
    };
    recordFaultFigures('databaseOutage', figures);

    expect(healthDuring).toBe(503);
    expect(figures.fiveXxDuringOutage).toBeGreaterThan(0);
    // Nothing refused as bad input (a platform would drop it) and the process never went away.
    expect(during.filter((a) => a.status === 'refused' || (typeof a.status === 'number' && a.status >= 400 && a.status < 500))).toEqual([]);
    expect(outcome.acknowledged).toBe(customers.length * 2);
    expect(outcome.lostInputs).toBe(0);
    expect(outcome.inputsStoredTwice).toBe(0);
    expect(outcome.inputsWithoutReply).toBe(0);
    expect(pending).toBe(0);
    expect(outcome.lostReplies).toBe(0);
    expect(outcome.duplicatedReplies).toBe(0);
    expect(running.output.join('\n')).not.toMatch(/FATAL|uncaught/i);
  });
});
