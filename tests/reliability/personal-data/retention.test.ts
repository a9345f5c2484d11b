import { DataSource } from 'typeorm';
import { seededRandom } from '@turbota/common';
import { PrivacyWorker } from '../../../apps/api/src/privacy/privacy.worker';
import { ChatClient } from '../../support/chat-client';
import { FakeTelegram } from '../../support/fake-telegram';
import { Api, complainInWebChat } from '../../support/incidents-api';
import { ManualClock } from '../../support/manual-clock';
import { registerPoints } from '../../support/points';
import { startTestApp, TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { recordFigures } from './figures';
import { phoneForms, scanDatabase } from './pii-scan';

jest.setTimeout(60_000);

const SEED = 20_261_203;
const TOKEN = '7000000011:AAHretention-token';
const SECRET = 'retention-webhook-secret';
const DAYS = 30;
const OLD = { phone: '+380673011111', words: 'Oleh says the terminal ate his card' };
const WAITING = { phone: '+380673033333' };
const ACTIVE = { phone: '+380673022222', email: 'active.anna@example.com', name: 'Anna Activna' };

describe(`retention purge (${databaseKind})`, () => {
  // Starts at the real time, so rows the database stamps itself (now()) and rows stamped by the clock agree.
  const clock = new ManualClock(new Date());
  let telegram: FakeTelegram;
  let t: TestApp;
  let db: DataSource;
  let admin: Api;
  let integration: Api;
  let n = 0;

  beforeAll(async () => {
    telegram = await FakeTelegram.start(TOKEN);
    t = await startTestApp({
      clock,
      random: seededRandom(SEED),
      env: { DEFAULT_LOCALE: 'en', PII_RETENTION_DAYS: String(DAYS), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: telegram.url },
    });
    await registerPoints(t.url, 'kyiv-central', 'lviv-market');
    db = t.app.get(DataSource);
    admin = new Api(t.url);
    integration = admin.as(await admin.key('integration', 'CRM'));
  });
  afterAll(async () => {
    await t.close();
    await telegram.close();
  });

  const report = (customer: Record<string, string>) =>
    integration.json<{ id: string; customerId: string }>('/api/v1/contacts', {
      body: { externalId: `retention-${++n}`, customer: { channel: 'telegram', locale: 'en', ...customer }, occurredAt: clock.now().toISOString() },
    });
  const summary = () => admin.json<{ nps: { value: number; n: number } }>('/api/v1/reports/summary?from=2020-01-01&to=2099-12-31');
  const one = async <T>(sql: string, params: unknown[] = []) => (await db.query<T[]>(sql, params))[0];

  it('erases customers silent for longer than PII_RETENTION_DAYS and the older rows of the others, keeping every score', async () => {
    // Day 0: a detractor in the web chat leaves a phone, words as organic feedback, and a free-text answer; a CRM reports Anna.
    const session = await complainInWebChat(t.url, { point: 'kyiv-central', score: 2, reason: 'waiting', phone: OLD.phone });
    const chat = new ChatClient(t.url);
    await chat.open({ locale: 'en', session });
    await chat.send({ kind: 'text', text: OLD.words });
    // Another complainant whose incident is still being worked when the month has passed.
    await complainInWebChat(t.url, { point: 'lviv-market', score: 1, reason: 'waiting', phone: WAITING.phone });
    const firstOfAnna = await report({ address: '6100001', name: ACTIVE.name, phone: ACTIVE.phone, email: ACTIVE.email });
    const before = await summary();
    expect(before.nps.n).toBeGreaterThan(0);

    // Nothing is old yet: a round purges nothing.
    const worker = t.app.get(PrivacyWorker);
    expect(Object.values((await worker.tick()).retention).every((c) => c === 0)).toBe(true);

    // The first complaint is settled (rejected); the second stays open.
    const supervisor = admin.as(await admin.key('supervisor'));
    const { id: settled } = await one<{ id: string }>(`SELECT i.id FROM incident i JOIN complaint c ON c.id = i.complaint_id WHERE c.point_of_service = 'kyiv-central'`);
    expect((await supervisor.transition(settled, { action: 'acknowledge' })).status).toBe(201);
    expect((await supervisor.transition(settled, { action: 'reject', note: 'Not our terminal' })).status).toBe(201);

    // Day 0's Telegram messages are out before the month passes: one still pending at the first
    // round would be purged only by the second, once sent (on a busy machine it was).
    await waitFor(async () => ((await one<{ n: number }>(`SELECT count(*)::int AS n FROM message WHERE channel = 'telegram' AND delivery = 'pending'`)).n === 0 ? true : undefined), 30_000);

    // Day 31: Anna is reported again (still active); the web chat customer is silent.
    clock.advance((DAYS + 1) * 24 * 60);
    const secondOfAnna = await report({ address: '6100001', phone: ACTIVE.phone });
    expect(secondOfAnna.customerId).toBe(firstOfAnna.customerId);
    const round = (await worker.tick()).retention;
    expect(round.customers).toBe(1);
    expect(round.contacts).toBe(1);

    // The silent customer is erased as DELETE /customers/{id} would: nothing of theirs is left.
    const scan = await scanDatabase(db, [{ label: 'phone', forms: phoneForms(OLD.phone) }, { label: 'words', forms: [OLD.words] }, { label: 'session', forms: [session] }]);
    expect(scan.hits).toEqual([]);
    expect(await one(`SELECT count(*)::int AS n FROM customer WHERE erased_at IS NOT NULL`)).toEqual({ n: 1 });
    expect(await one(`SELECT count(*)::int AS n FROM organic_feedback WHERE text <> '(erased)'`)).toEqual({ n: 0 });
    // The complaint whose incident is still open keeps its phone until the incident is settled.
    expect(await one(`SELECT count(*)::int AS n FROM complaint WHERE phone_sealed IS NOT NULL OR phone_index IS NOT NULL`)).toEqual({ n: 1 });
    expect(await one(`SELECT count(*)::int AS n FROM complaint c JOIN incident i ON i.complaint_id = c.id WHERE c.phone_sealed IS NOT NULL AND i.status = 'new'`)).toEqual({ n: 1 });
    // Anna keeps her name and today's contact; the contact of a month ago lost its phone and e-mail.
    expect(await one(`SELECT name_sealed IS NOT NULL AS named, erased_at FROM customer WHERE id = $1`, [firstOfAnna.customerId])).toEqual({ named: true, erased_at: null });
    expect(await one(`SELECT phone_sealed, email_sealed, phone_index, email_index FROM contact WHERE id = $1`, [firstOfAnna.id])).toEqual({
      phone_sealed: null, email_sealed: null, phone_index: null, email_index: null,
    });
    expect(await one(`SELECT phone_sealed IS NOT NULL AS sealed FROM contact WHERE id = $1`, [secondOfAnna.id])).toEqual({ sealed: true });
    // Every score is where it was.
    const after = await summary();
    expect(after.nps).toEqual(before.nps);
    // A second round finds nothing more to do.
    const again = (await worker.tick()).retention;
    expect(again).toEqual(Object.fromEntries(Object.keys(again).map((what) => [what, 0])));
    expect(t.logs.text()).not.toMatch(/380673011111|380673022222|active\.anna|Anna Activna|terminal ate/);

    recordFigures('retention', { retentionDays: DAYS, firstRound: round, secondRound: again, npsBefore: before.nps, npsAfter: after.nps, rowsScanned: scan.rows, hits: scan.hits.length });
  });
});
