import { DataSource } from 'typeorm';
import type { DatabaseHandle } from '@turbota/persistence';
import { INVITATION_LEASE_MS } from '../../../apps/bot/src/invitations/invitation-sender';
import { FakeTwilio } from '../../support/fake-twilio';
import { databaseKind, openTestDatabase } from '../../support/test-database';
import { TurbotaProcess } from '../../support/turbota-process';
import { waitFor } from '../../support/wait-for';
import { recordFaultFigures } from '../support/faults-artifacts';

jest.setTimeout(240_000);

const ADMIN_API_KEY = 'sms-crash-admin-key-0123456789abcdef';
const SID = `AC${'9'.repeat(32)}`;
const AUTH_TOKEN = 'sms-crash-twilio-token';
const CALLERS = 120;
// A third of the way through: texts sent, texts in flight, texts not yet claimed.
const KILL_AFTER_SENT = 40;
const phoneOf = (i: number) => `+3806710${String(i).padStart(5, '0')}`;

/**
 * The process sending SMS invitations is SIGKILLed in the middle of a batch. A text the
 * provider took while the process waited for its answer cannot be known as sent: it goes again
 * once its lease ends (SMS providers take no idempotency key), so each caller gets their text
 * at least once, and twice only if it was in flight at the kill, with the same link both times.
 */
describe(`the SMS sender SIGKILLed in the middle of ${CALLERS} invitations (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let db: DataSource;
  let twilio: FakeTwilio;
  const processes: TurbotaProcess[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    twilio = await FakeTwilio.start(SID, AUTH_TOKEN);
    // Each text answered 40 ms after Twilio took it: the kill lands on some in flight.
    twilio.latencyMs = 40;
  });
  afterAll(async () => {
    for (const p of processes) await p.stop('SIGKILL').catch(() => undefined);
    await db?.destroy();
    await twilio?.close();
    await database?.close();
  });

  it('sends every invitation, twice only those the provider took at the kill, each time with the same link', async () => {
    const env = {
      DATABASE_URL: database.url,
      ADMIN_API_KEY,
      PUBLIC_URL: 'https://feedback.example.com',
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_URL: twilio.url,
    };
    const first = await (await TurbotaProcess.start('standalone', env)).ready();
    processes.push(first);
    db = await new DataSource({ type: 'postgres', url: database.url, poolSize: 2 }).initialize();
    const headers = { Authorization: `Bearer ${ADMIN_API_KEY}`, 'Content-Type': 'application/json' };
    const pools = (await (await fetch(`${first.url}/api/v1/question-pools`, { headers })).json()) as { id: string; name: string }[];
    const policy = { name: 'Calls', serviceTypes: ['call'], integralMetric: 'nps', poolId: pools.find((p) => p.name === 'Post-contact')!.id, reasonQuestion: 'reason', quietHours: null, cooldownDays: 0 };
    expect((await fetch(`${first.url}/api/v1/survey-policies`, { method: 'POST', headers, body: JSON.stringify(policy) })).status).toBe(201);

    // The callers of a shift, imported at once.
    const csv = ['externalId,channel,address,locale,phone,serviceType,occurredAt', ...Array.from({ length: CALLERS }, (_, i) => `crash-${i},,,en,${phoneOf(i)},call,${new Date().toISOString()}`)].join('\n');
    const imported = await fetch(`${first.url}/api/v1/imports/contacts`, { method: 'POST', headers: { ...headers, 'Content-Type': 'text/csv' }, body: csv });
    expect(await imported.json()).toMatchObject({ accepted: CALLERS, decisions: { invited: CALLERS } });

    await waitFor(() => (twilio.sent().length >= KILL_AFTER_SENT ? true : undefined), 60_000);
    const killedAt = Date.now();
    expect(await first.stop('SIGKILL')).toBeNull();
    const takenAtKill = twilio.sent().length;
    const [{ leased, accepted }] = await db.query<{ leased: number; accepted: number }[]>(
      `SELECT count(*) FILTER (WHERE status = 'pending' AND attempts > 0 AND next_attempt_at > $1)::int AS leased,
              count(*) FILTER (WHERE status = 'accepted')::int AS accepted
       FROM invitation_message`,
      [new Date(killedAt)],
    );

    const second = await (await TurbotaProcess.start('standalone', env)).ready();
    processes.push(second);
    // What the dead process held waits for its lease; the rest goes at once.
    await waitFor(async () => {
      const [{ n }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM invitation_message WHERE status <> 'accepted'`);
      return n === 0 ? true : undefined;
    }, INVITATION_LEASE_MS + 90_000);
    const doneAt = Date.now();

    const perPhone = new Map<string, string[]>();
    for (const message of twilio.sent()) perPhone.set(message.to, [...(perPhone.get(message.to) ?? []), message.text]);
    const twice = [...perPhone.values()].filter((texts) => texts.length > 1);
    recordFaultFigures('smsSenderCrash', {
      callers: CALLERS,
      takenByTwilioAtKill: takenAtKill,
      markedAcceptedAtKill: accepted,
      leasedAtKill: leased,
      sentTwice: twice.length,
      secondsToFinishAfterKill: Math.round((doneAt - killedAt) / 100) / 10,
    });

    // Every caller texted; none more than twice, and a second text only for one in flight at the kill.
    expect(perPhone.size).toBe(CALLERS);
    expect(Math.max(...[...perPhone.values()].map((texts) => texts.length))).toBeLessThanOrEqual(2);
    expect(twice.length).toBeLessThanOrEqual(Math.max(0, takenAtKill - accepted));
    expect(twice.length).toBeLessThanOrEqual(leased);
    // The same link both times: one survey per contact, whichever text is opened.
    for (const texts of twice) expect(new Set(texts).size).toBe(1);
    const [{ links }] = await db.query<{ links: number }[]>(`SELECT count(*)::int AS links FROM survey_link`);
    expect(links).toBe(CALLERS);
  });
});
