import { DataSource } from 'typeorm';
import { seededRandom } from '@turbota/common';
import { InvitationWorker } from '@turbota/triggers';
import { SlaWorker } from '../../../apps/api/src/incidents/sla-worker';
import { Api, incidentReport } from '../../support/incidents-api';
import { FakeTelegram } from '../../support/fake-telegram';
import { ManualClock } from '../../support/manual-clock';
import { startTestApp, TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { recordFaultFigures } from '../support/faults-artifacts';

jest.setTimeout(150_000);

const TOKEN = '7000000045:AAHfaults-timers';
const SEED = Number(process.env.FAULTS_SEED ?? 4501);
const T0 = '2027-06-03T10:00:00Z';
/** Invited at once: reminded at 10:30, non-responders at 11:00. */
const IMMEDIATE = [45_000_001, 45_000_002, 45_000_003];
/** Reported in the quiet hours (09:00-11:00 UTC): invited at 11:00. */
const SCHEDULED = [45_000_011, 45_000_012];
/** High priority (NPS 2): acknowledge by 10:30, resolve by 18:00. */
const INCIDENTS = 3;

describe(`timers scheduled before a restart fire once, after it and on two instances (${databaseKind})`, () => {
  const clock = new ManualClock(T0);
  const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: 'faults-timers-secret', TELEGRAM_API_ROOT: '' };
  let telegram: FakeTelegram;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    telegram = await FakeTelegram.start(TOKEN);
    env.TELEGRAM_API_ROOT = telegram.url;
  });
  afterAll(async () => {
    const [first, ...others] = apps;
    for (const app of others) await app.close({ closeDatabase: false });
    await first?.close();
    await telegram.close();
  });

  const start = async (database?: TestApp['database']) => {
    const app = await startTestApp({ env, clock, random: seededRandom(SEED), database });
    apps.push(app);
    return app;
  };
  /** Ticks every live instance's workers at once, twice, besides their own background rounds. */
  const tickAll = async (live: TestApp[]) => {
    for (let round = 0; round < 2; round++) {
      await Promise.all(live.flatMap((app) => [app.app.get(InvitationWorker).tick(), app.app.get(SlaWorker).tick()]));
    }
  };
  const sends = (chat: number) => telegram.delivered('sendMessage', String(chat)).length;

  it(`fires reminders, answer timeouts, scheduled invitations and SLA deadlines exactly once (seed ${SEED})`, async () => {
    // First run: the contacts, the policies and the incidents that set the timers.
    const first = await start();
    const database = first.database;
    const admin = new Api(first.url);
    const integration = admin.as(await admin.key('integration', 'CRM'));
    const pools = await admin.json<{ id: string; name: string }[]>('/api/v1/question-pools');
    const poolId = pools.find((p) => p.name === 'Post-contact')!.id;
    const policy = { integralMetric: 'nps', poolId, reasonQuestion: 'reason', answerTimeoutMinutes: 60, reminderAfterMinutes: 30, cooldownDays: 0 };
    await admin.json('/api/v1/survey-policies', { body: { ...policy, name: 'Timers', serviceTypes: ['timers'], quietHours: null } });
    await admin.json('/api/v1/survey-policies', { body: { ...policy, name: 'Timers at night', serviceTypes: ['timers-night'], quietHours: { start: '09:00', end: '11:00', timeZone: 'UTC' } } });
    const contact = (chat: number, serviceType: string) =>
      integration.json<{ id: string; decision: string }>('/api/v1/contacts', {
        body: { externalId: `timers-${SEED}-${chat}`, customer: { locale: 'en', channel: 'telegram', address: String(chat) }, occurredAt: clock.now().toISOString(), serviceType },
      });
    const decisions = [...(await Promise.all(IMMEDIATE.map((c) => contact(c, 'timers')))), ...(await Promise.all(SCHEDULED.map((c) => contact(c, 'timers-night'))))];
    expect(decisions.map((d) => d.decision)).toEqual([...IMMEDIATE.map(() => 'invited'), ...SCHEDULED.map(() => 'scheduled')]);
    const incidents = await Promise.all(
      Array.from({ length: INCIDENTS }, (_, i) => integration.json<{ id: string; acknowledgeBy: string; resolveBy: string }>('/api/v1/incidents', { body: incidentReport({ externalId: `timers-${SEED}-${i}`, score: 2 }) })),
    );
    await waitFor(() => (IMMEDIATE.every((c) => sends(c) === 1) ? true : undefined), 20_000);
    await first.close({ closeDatabase: false });
    apps.length = 0;

    const db = () => apps[0].app.get(DataSource);
    const breaches = async () =>
      db().query<{ incident_id: string; n: number }[]>(`SELECT incident_id, count(*)::int AS n FROM incident_event WHERE action = 'sla_breach' GROUP BY incident_id`);
    const contacts = async () =>
      db().query<{ address: string; reminded_at: Date | null; non_responder_at: Date | null; invited_at: Date | null }[]>(
        `SELECT i.address, c.reminded_at, c.non_responder_at, c.invited_at FROM contact c JOIN customer_identity i ON i.id = c.identity_id ORDER BY i.address`,
      );

    // Restarted over the same database, alone, at 10:45: the reminders and the acknowledge deadlines are due.
    clock.set('2027-06-03T10:45:00Z');
    const second = await start(database);
    await tickAll([second]);
    await waitFor(() => (IMMEDIATE.every((c) => sends(c) === 2) ? true : undefined), 20_000);
    const afterRestart = { breaches: await breaches(), contacts: await contacts() };

    // A second instance on the same database; at 11:05 the timeouts and the scheduled invitations are due.
    const third = await start(database);
    clock.set('2027-06-03T11:05:00Z');
    await tickAll([second, third]);
    await waitFor(() => (SCHEDULED.every((c) => sends(c) === 1) ? true : undefined), 20_000);
    const afterTimeouts = await contacts();

    // At 18:05 the resolve deadlines are due, on both instances.
    clock.set('2027-06-03T18:05:00Z');
    await tickAll([second, third]);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // both background rounds, and a second a chat for the outbox
    await tickAll([second, third]);
    const final = { breaches: await breaches(), contacts: await contacts() };

    const figures = {
      database: databaseKind,
      seed: SEED,
      incidents: INCIDENTS,
      acknowledgeBreachesAfterRestart: afterRestart.breaches.reduce((n, r) => n + r.n, 0),
      breachesAtTheEnd: final.breaches.reduce((n, r) => n + r.n, 0),
      remindersSent: IMMEDIATE.reduce((n, c) => n + sends(c) - 1, 0),
      immediateInvitees: IMMEDIATE.length,
      nonResponders: afterTimeouts.filter((c) => c.non_responder_at !== null).length,
      scheduledInvitationsSent: SCHEDULED.reduce((n, c) => n + Math.min(1, sends(c)), 0),
      scheduledContacts: SCHEDULED.length,
      sendsPerScheduledChat: SCHEDULED.map(sends),
      instancesAtTheEnd: 2,
    };
    recordFaultFigures('timersAcrossRestart', figures);

    // Acknowledge deadlines fired once each after the restart, resolve deadlines once each on two instances.
    expect(afterRestart.breaches.map((r) => r.n)).toEqual(incidents.map(() => 1));
    expect(final.breaches.map((r) => r.n)).toEqual(incidents.map(() => 2));
    const levels = await db().query<{ escalation_level: number }[]>(`SELECT escalation_level FROM incident WHERE id = ANY($1)`, [incidents.map((i) => i.id)]);
    expect(levels.map((l) => l.escalation_level)).toEqual(incidents.map(() => 2));
    // One reminder each, and one non-responder mark that a later round does not move.
    for (const chat of IMMEDIATE) expect({ chat, sends: sends(chat) }).toEqual({ chat, sends: 2 });
    const immediate = (rows: typeof final.contacts) => rows.filter((r) => IMMEDIATE.map(String).includes(r.address));
    expect(immediate(afterRestart.contacts).every((c) => c.reminded_at !== null && c.non_responder_at === null)).toBe(true);
    expect(immediate(afterTimeouts).every((c) => c.non_responder_at !== null)).toBe(true);
    expect(immediate(final.contacts).map((c) => c.non_responder_at)).toEqual(immediate(afterTimeouts).map((c) => c.non_responder_at));
    // Scheduled invitations went out once (and, past their own timers, were reminded at most once).
    const scheduled = final.contacts.filter((r) => SCHEDULED.map(String).includes(r.address));
    expect(scheduled.every((c) => c.invited_at !== null)).toBe(true);
    for (const chat of SCHEDULED) expect(sends(chat)).toBeLessThanOrEqual(2);
    const invitations = await db().query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM conversation c JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = ANY($1)`,
      [SCHEDULED.map(String)],
    );
    expect(invitations).toEqual([{ n: SCHEDULED.length }]);
  });
});
