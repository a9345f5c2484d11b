import { DataSource } from 'typeorm';
import { seededRandom } from '@turbota/common';
import { ManualClock } from '../support/manual-clock';
import { apiCall, type ApiCallInit, startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { type Platforms, startPlatforms } from '../support/platforms';

const PLATFORMS = { telegram: { token: '7000000003:AAHdry-run-token', secret: 'dry-run-webhook-secret' } };
// 12:00 in Kyiv: outside the default policy's quiet hours (21:00-09:00 Europe/Kyiv).
const NOON_KYIV = '2026-11-23T10:00:00.000Z';

interface Decided {
  externalId: string;
  decision: string;
  reason: string | null;
  scheduledFor?: string;
  lastSurveyAt?: string;
  message: string;
}
interface Check extends Decided {
  dryRun: true;
  recorded: boolean;
  policy: { name: string; quietHours: { start: string; end: string; timeZone: string } | null } | null;
}
interface Recorded extends Decided {
  id: string;
  customerId: string | null;
}

// Everything a report may write: the contact, its customer and address, the survey, its outbox messages, the draws of its questions.
const STORED_TABLES = ['contact', 'customer', 'customer_identity', 'conversation', 'conversation_input', 'message', 'question_draw_log', 'question_draw_count'];

describe(`POST /contacts?dryRun=true (${databaseKind})`, () => {
  const clock = new ManualClock(NOON_KYIV);
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let db: DataSource;
  let poolId: string;
  let integrationKey: string;
  let externalId = 0;

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    t = await startTestApp({ env: platforms.env, clock, random: seededRandom(20_261_207) });
    db = t.app.get(DataSource);
    const pools = (await (await call('/api/v1/question-pools')).json()) as { id: string; name: string }[];
    poolId = pools.find((p) => p.name === 'Post-contact')!.id;
    const key = await call('/api/v1/api-keys', { method: 'POST', body: { name: 'CRM', role: 'integration' } });
    integrationKey = ((await key.json()) as { key: string }).key;
  });
  afterAll(async () => {
    await t.close();
    await platforms.close();
  });

  const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);
  const contact = (address: string, extra: Record<string, unknown> = {}) => ({
    externalId: `dry-${++externalId}`,
    customer: { channel: 'telegram', address, locale: 'en' },
    occurredAt: clock.now().toISOString(),
    ...extra,
  });
  const stored = async () => {
    const counts = await db.query<{ n: number }[]>(STORED_TABLES.map((table) => `SELECT count(*)::int AS n FROM ${table}`).join(' UNION ALL '));
    const draws = await db.query<{ n: number }[]>(`SELECT coalesce(sum(drawn), 0)::int AS n FROM question_draw_count`);
    return [...counts.map((c) => c.n), draws[0].n];
  };
  async function check(body: unknown): Promise<Check> {
    const res = await call('/api/v1/contacts?dryRun=true', { method: 'POST', body, key: integrationKey });
    expect(res.status).toBe(201);
    return (await res.json()) as Check;
  }
  async function report(body: unknown): Promise<Recorded> {
    const res = await call('/api/v1/contacts', { method: 'POST', body, key: integrationKey });
    expect(res.status).toBe(201);
    return (await res.json()) as Recorded;
  }
  /** Checks the contact, sees nothing stored, reports it, and sees the report decide what the check said. */
  async function checkThenReport(body: { externalId: string; customer: Record<string, unknown> }): Promise<{ checked: Check; recorded: Recorded }> {
    const before = await stored();
    const checked = await check(body);
    expect(await stored()).toEqual(before);
    const recorded = await report(body);
    const { externalId, decision, reason, scheduledFor, lastSurveyAt, message } = checked;
    expect(recorded).toEqual({ id: recorded.id, customerId: recorded.customerId, externalId, decision, reason, scheduledFor, lastSurveyAt, message });
    return { checked, recorded };
  }
  async function policy(body: Record<string, unknown>): Promise<void> {
    const res = await call('/api/v1/survey-policies', { method: 'POST', body: { integralMetric: 'nps', poolId, reasonQuestion: 'reason', ...body } });
    expect(res.status).toBe(201);
  }

  // The clock only moves forward, and never past a scheduled invitation: the invitation worker sending one would change the counts.
  it('answers invited for a plain contact, records nothing and starts no cool-down, and the report then invites', async () => {
    const body = contact('4000001');
    expect(await check(body)).toMatchObject({ decision: 'invited', reason: null, recorded: false, policy: { quietHours: { timeZone: 'Europe/Kyiv' } } });
    // Checked again, the customer is no repeat: the first check left no survey behind to cool down from.
    const { checked } = await checkThenReport(body);
    expect(checked).toMatchObject({ dryRun: true, decision: 'invited', message: 'The customer is invited now on telegram' });
    expect(await check(body)).toMatchObject({ decision: 'invited', recorded: true });
  });

  it('answers skipped for a customer within the cool-down, naming their last survey', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const first = await report(contact('4000004'));
    expect(first).toMatchObject({ decision: 'invited' });
    clock.advance(60);
    const { checked } = await checkThenReport(contact('4000004'));
    expect(checked).toMatchObject({ decision: 'skipped', reason: 'cool_down' });
    expect(checked.lastSurveyAt).toEqual(expect.any(String));
  });

  it('answers skipped for a customer who opted out, and for a channel that is off', async () => {
    clock.set('2027-01-10T10:00:00Z');
    const first = await report(contact('4000005'));
    await db.query(`UPDATE customer SET opted_out_at = now() WHERE id = $1`, [first.customerId]);
    clock.set('2027-03-10T10:00:00Z');
    expect((await checkThenReport(contact('4000005'))).checked).toMatchObject({ decision: 'skipped', reason: 'opted_out' });
    const off = await checkThenReport({ ...contact('x'), customer: { channel: 'viber', address: 'viber-off=' } });
    expect(off.checked).toMatchObject({ decision: 'skipped', reason: 'no_channel', policy: null });
  });

  it('answers scheduled for the end of the quiet hours in the time zone of the policy, and of the point', async () => {
    await policy({ name: 'Night owls', serviceTypes: ['night'], quietHours: { start: '21:00', end: '09:00', timeZone: 'America/New_York' } });
    clock.set('2027-06-02T02:00:00Z'); // 22:00 in New York (summer time): quiet until 09:00 there
    const { checked } = await checkThenReport(contact('4000002', { serviceType: 'night' }));
    expect(checked).toMatchObject({ decision: 'scheduled', reason: null, scheduledFor: '2027-06-02T13:00:00.000Z', policy: { name: 'Night owls' } });
    const point = await call('/api/v1/points', { method: 'POST', body: { code: 'tokyo-dry-run', name: 'Tokyo', timeZone: 'Asia/Tokyo' } });
    expect(point.status).toBe(201);
    clock.set('2027-06-02T12:30:00Z'); // 21:30 in Tokyo, 08:30 in New York
    const atPoint = await checkThenReport(contact('4000003', { serviceType: 'night', pointOfService: 'tokyo-dry-run' }));
    expect(atPoint.checked).toMatchObject({ decision: 'scheduled', scheduledFor: '2027-06-03T00:00:00.000Z', policy: { quietHours: { timeZone: 'Asia/Tokyo' } } });
  });

  it('refuses what the report refuses, with the same 400s and 403s', async () => {
    const cases: [unknown, string][] = [
      [{ ...contact('1'), customer: { channel: 'telegram', address: '1', phone: '12' } }, 'customer.phone'],
      [contact('1', { occurredAt: '2031-01-01T00:00:00Z' }), 'occurredAt'],
    ];
    for (const [body, field] of cases) {
      const res = await call('/api/v1/contacts?dryRun=true', { method: 'POST', body, key: integrationKey });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([field]);
    }
    const wrongFlag = await call('/api/v1/contacts?dryRun=yes', { method: 'POST', body: contact('1'), key: integrationKey });
    expect(wrongFlag.status).toBe(400);
    const viewer = await call('/api/v1/api-keys', { method: 'POST', body: { name: 'Wall', role: 'viewer' } });
    const key = ((await viewer.json()) as { key: string }).key;
    expect((await call('/api/v1/contacts?dryRun=true', { method: 'POST', body: contact('1'), key })).status).toBe(403);
  });
});
