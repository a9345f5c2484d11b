import { DataSource } from 'typeorm';
import type { DatabaseHandle } from '@turbota/persistence';
import { FakeTelegram } from '../../support/fake-telegram';
import { openTestDatabase } from '../../support/test-database';
import { TurbotaProcess } from '../../support/turbota-process';
import { waitFor } from '../../support/wait-for';
import { recordFaultFigures } from '../support/faults-artifacts';
import { LEASE_MS } from '../../../apps/bot/src/outbox/outbox-sender';
import { npsCustomers, drained, TelegramWebhookPlatform, telegramOutcome } from '../support/faults-telegram-load';

jest.setTimeout(180_000);

const TOKEN = '7000000041:AAHfaults-crash';
const SECRET = 'faults-crash-secret';
const SEED = Number(process.env.FAULTS_SEED ?? 4101);
const CUSTOMERS = 160;
const CONCURRENCY = 40;
const onPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;

describe('a standalone process SIGKILLed in the middle of a webhook load (PostgreSQL)', () => {
  let database: DatabaseHandle;
  let db: DataSource;
  let fake: FakeTelegram;
  const processes: TurbotaProcess[] = [];

  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL) return;
    database = await openTestDatabase();
    fake = await FakeTelegram.start(TOKEN);
  });
  afterAll(async () => {
    for (const p of processes) await p.stop('SIGKILL').catch(() => undefined);
    await db?.destroy();
    await fake?.close();
    await database?.close();
  });

  onPostgres(`stores every acknowledged update and sends every reply after a restart, lost none, doubled at most the sends in flight (seed ${SEED})`, async () => {
    const env = { DATABASE_URL: database.url, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.url };
    const first = await (await TurbotaProcess.start('standalone', env)).ready();
    processes.push(first);
    db = await new DataSource({ type: 'postgres', url: database.url }).initialize();

    const customers = npsCustomers({ count: CUSTOMERS, seed: SEED, firstChat: 41_000_000, firstUpdateId: 410_000 });
    const platform = new TelegramWebhookPlatform({ target: first.url, secret: SECRET });
    const total = customers.reduce((n, c) => n + c.updates.length, 0);
    const load = platform.run(customers, CONCURRENCY);

    // Kill in the middle: half the updates acknowledged, webhooks and sends in flight.
    await waitFor(() => (platform.acknowledged().length >= total / 2 ? true : undefined), 90_000);
    const ackedBeforeKill = platform.acknowledged().length;
    const sendsBeforeKill = fake.delivered('sendMessage').length;
    platform.target = null;
    const killedAt = Date.now();
    const inFlightAtKill = platform.deliveries.filter((d) => d.ackedAt === undefined).length;
    expect(await first.stop('SIGKILL')).toBeNull();
    // Sends the dead process had claimed (leased) and not marked sent: the platform may or may
    // not have received them, and they go out again once the lease ends.
    const [{ n: leasedAtKill }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM message WHERE direction = 'out' AND delivery = 'pending' AND attempts > 0 AND next_attempt_at > $1`,
      [new Date(killedAt)],
    );

    // Inputs the dead process had queued in a peak and not yet applied: the restarted one applies them.
    const [{ n: queuedAtKill }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM inbound_update`);

    // The dead process cannot send after this; a request it wrote before dying may still be read
    // by the fake a few milliseconds later, so its copies are told apart by this moment.
    const secondStartedAt = Date.now();
    const second = await (await TurbotaProcess.start('standalone', env)).ready();
    processes.push(second);
    const restartedAt = Date.now();
    platform.target = second.url;
    await load;

    // A message leased by the dead process waits out its lease before it is sent again.
    const pending = await drained(db, LEASE_MS + 45_000);
    const outcome = await telegramOutcome(db, platform, fake);
    const figures = {
      seed: SEED,
      customers: CUSTOMERS,
      updates: total,
      acknowledged: outcome.acknowledged,
      acknowledgedBeforeKill: ackedBeforeKill,
      webhooksInFlightAtKill: inFlightAtKill,
      sendsLeasedAtKill: leasedAtKill,
      inputsQueuedAtKill: queuedAtKill,
      redeliveredUpdates: platform.redelivered().length,
      repliesSentBeforeKill: sendsBeforeKill,
      repliesStored: outcome.repliesStored,
      sendMessageCalls: outcome.sendMessageCalls,
      lostInputs: outcome.lostInputs,
      inputsWithoutReply: outcome.inputsWithoutReply,
      lostReplies: outcome.lostReplies + pending,
      duplicatedReplies: outcome.duplicatedReplies,
      inputsStoredTwice: outcome.inputsStoredTwice,
      restartMs: restartedAt - killedAt,
    };
    recordFaultFigures('crash', figures);
    if (outcome.lostInputs + outcome.lostReplies + pending > 0) console.error(`seed ${SEED}: ${JSON.stringify(figures)}`);

    expect(outcome.acknowledged).toBe(total);
    expect(platform.redelivered().length).toBeGreaterThan(0);
    expect(outcome.lostInputs).toBe(0);
    expect(outcome.inputsStoredTwice).toBe(0);
    expect(outcome.inputsWithoutReply).toBe(0);
    expect(pending).toBe(0);
    expect(outcome.lostReplies).toBe(0);
    // Every answer typed is stored once.
    const [{ n: scores }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM answer WHERE integral AND question_type = 'nps'`);
    expect(scores).toBe(CUSTOMERS);
    // A reply goes out twice only when the process died between the platform's answer and
    // marking it sent: its first copy reached the fake before the restarted process began.
    for (const d of outcome.duplicates) expect(d.firstAt).toBeLessThan(secondStartedAt);
    expect(outcome.duplicatedReplies).toBeLessThanOrEqual(leasedAtKill);
  });
});
