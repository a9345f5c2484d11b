import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { Api, type IncidentJson, incidentReport, type ProblemJson } from '../support/incidents-api';
import { ManualClock } from '../support/manual-clock';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';

const START = '2026-04-06T08:00:00.000Z';
// Both processes must open what the other sealed.
const SHARED_ENV = { PII_ENCRYPTION_KEY: '7'.repeat(64) };

describe(`SLA deadlines and problems (${databaseKind})`, () => {
  const clock = new ManualClock(START);
  let first: TestApp;
  let second: TestApp;
  let db: DataSource;
  let supervisor: Api;
  let integration: Api;

  beforeAll(async () => {
    first = await startTestApp({ clock, env: SHARED_ENV });
    // A second API process on the same database: its SLA worker competes for the same deadlines.
    second = await startTestApp({ clock, env: SHARED_ENV, database: first.database, features: [ApiModule] });
    db = first.app.get(DataSource);
    const admin = new Api(first.url);
    supervisor = admin.as(await admin.key('supervisor', 'Iryna'));
    integration = admin.as(await admin.key('integration', 'CRM'));
  });
  afterAll(async () => {
    await second.close({ closeDatabase: false });
    await first.close();
  });

  const report = (overrides: Record<string, unknown> = {}) => integration.json<IncidentJson>('/api/v1/incidents', { body: incidentReport(overrides) });
  // Problems need distinct customers: each report here comes from its own phone unless told.
  let phones = 0;
  const fromAnother = () => ({ phone: `+380 67 7${String(++phones).padStart(6, '0')}` });
  const breachRows = (id: string) =>
    db.query<{ note: string }[]>(`SELECT note FROM incident_event WHERE incident_id = $1 AND action = 'sla_breach' ORDER BY seq`, [id]);

  it('fires each passed deadline once across two processes: escalation, audit row, notice, and the breach\'s next steps', async () => {
    // High priority (NPS 2): 30 minutes to acknowledge, 8 hours to resolve.
    const { id } = await report({ score: 2, pointOfService: 'sla-1' });
    clock.advance(31);
    const breached = await waitFor(async () => {
      const incident = await supervisor.incident(id);
      return incident.escalationLevel === 1 ? incident : undefined;
    });
    expect(breached).toMatchObject({ status: 'new', breached: true, version: 2 });
    expect(breached.ackBreachedAt).not.toBeNull();
    expect(breached.nextSteps.event).toBe('sla_breached');
    expect(breached.history.at(-1)).toMatchObject({ action: 'sla_breach', actor: { kind: 'system' } });
    expect(breached.history.at(-1)!.note).toMatch(/^Not acknowledged by the deadline/);
    expect(await db.query(`SELECT kind FROM staff_notice WHERE incident_id = $1 ORDER BY seq`, [id])).toEqual([{ kind: 'incident_changed' }, { kind: 'sla_breached' }]);

    // Both workers keep polling: give them several rounds, then count.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await breachRows(id)).toHaveLength(1);

    // Acknowledged late: that deadline is met now, so the steps are the acknowledged incident's.
    await supervisor.transition(id, { action: 'acknowledge' });
    expect(await supervisor.incident(id)).toMatchObject({ breached: false, escalationLevel: 1, nextSteps: { event: 'incident_acknowledged' } });
    clock.advance(8 * 60);
    await waitFor(async () => ((await breachRows(id)).length === 2 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const late = await supervisor.incident(id);
    expect(late).toMatchObject({ escalationLevel: 2, status: 'acknowledged' });
    expect((await breachRows(id)).map((r) => r.note)).toEqual([expect.stringMatching(/^Not acknowledged/), expect.stringMatching(/^Not resolved/)]);
  });

  it('sets no breach for an incident settled in time', async () => {
    const { id } = await report({ score: 2, pointOfService: 'sla-2' });
    await supervisor.transition(id, { action: 'resolve', note: 'Called back at once', justified: true });
    clock.advance(10 * 60);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await breachRows(id)).toEqual([]);
    expect((await supervisor.incident(id)).escalationLevel).toBe(0);
  });

  it('makes a problem of the third incident with one reason at one point within 7 days, links the next, and announces it', async () => {
    const point = `problem-point-${process.pid}`;
    const made: string[] = [];
    for (let i = 0; i < 2; i++) {
      made.push((await report({ reasonCode: 'queue', pointOfService: point, ...fromAnother() })).id);
      clock.advance(24 * 60);
    }
    expect(await db.query(`SELECT id FROM problem WHERE dimension_value = $1`, [point])).toEqual([]);
    const third = await report({ reasonCode: 'queue', pointOfService: point, ...fromAnother() });
    made.push(third.id);
    expect(third.problemNumber).toEqual(expect.any(Number));

    const { items } = await supervisor.json<{ items: ProblemJson[] }>('/api/v1/problems?reasonCode=queue');
    const problem = items.find((p) => p.value === point)!;
    expect(problem).toMatchObject({ status: 'open', dimension: 'point_of_service', incidentCount: 3, allowedActions: ['investigate', 'fix'] });
    expect(await db.query(`SELECT kind FROM staff_notice WHERE problem_id = $1`, [problem.id])).toContainEqual({ kind: 'problem_detected' });

    const fourth = await report({ reasonCode: 'queue', pointOfService: point });
    const detail = await supervisor.json<ProblemJson>(`/api/v1/problems/${problem.id}`);
    expect(detail.incidents.map((i) => i.id).sort()).toEqual([...made, fourth.id].sort());
    expect(detail.history.map((h) => h.action)).toEqual(['detect', 'link']);

    // Another reason at the same point, or the same reason elsewhere, is no part of it.
    await report({ reasonCode: 'prices', pointOfService: point });
    await report({ reasonCode: 'queue', pointOfService: `${point}-other` });
    expect((await supervisor.json<ProblemJson>(`/api/v1/problems/${problem.id}`)).incidentCount).toBe(4);
  });

  it('does not count incidents older than the window', async () => {
    const point = `window-point-${process.pid}`;
    await report({ reasonCode: 'noise', pointOfService: point, ...fromAnother() });
    await report({ reasonCode: 'noise', pointOfService: point, ...fromAnother() });
    clock.advance(8 * 24 * 60);
    const late = await report({ reasonCode: 'noise', pointOfService: point, ...fromAnother() });
    expect(late.problemNumber).toBeNull();
  });

  it('makes no problem of one customer repeating a complaint; a second customer completes it', async () => {
    const point = `one-voice-point-${process.pid}`;
    const same = { reasonCode: 'mould', pointOfService: point, phone: '+380 67 111 22 33' };
    const repeated = [await report(same), await report(same), await report({ ...same, phone: '+380671112233' })];
    expect(repeated.map((i) => i.problemNumber)).toEqual([null, null, null]);
    expect(await db.query(`SELECT id FROM problem WHERE dimension_value = $1`, [point])).toEqual([]);
    const another = await report({ ...same, ...fromAnother() });
    expect(another.problemNumber).toEqual(expect.any(Number));
    const problem = await supervisor.json<ProblemJson>(`/api/v1/problems?reasonCode=mould`);
    expect(problem).toMatchObject({ items: [{ value: point, incidentCount: 4 }] });
  });

  it('moves a problem through investigating to fixed, refusing what its status does not allow', async () => {
    const point = `lifecycle-point-${process.pid}`;
    for (let i = 0; i < 3; i++) await report({ reasonCode: 'cold', pointOfService: point, ...fromAnother() });
    const { items } = await supervisor.json<{ items: ProblemJson[] }>('/api/v1/problems?reasonCode=cold');
    const id = items[0].id;
    const move = (action: string) => supervisor.call(`/api/v1/problems/${id}/transitions`, { body: { action, note: `${action} by Iryna` } });

    expect((await move('reopen')).status).toBe(409);
    expect((await move('investigate')).status).toBe(201);
    const fixed = (await (await move('fix')).json()) as ProblemJson;
    expect(fixed).toMatchObject({ status: 'fixed', allowedActions: ['reopen'] });
    expect(fixed.fixedAt).not.toBeNull();
    expect(fixed.history.map((h) => [h.action, h.actor.name])).toEqual([
      ['detect', 'Turbota'],
      ['investigate', 'Iryna'],
      ['fix', 'Iryna'],
    ]);
    const bad = await move('investigate');
    expect(bad.status).toBe(409);
    expect(((await bad.json()) as { message: string }).message).toBe('Cannot investigate a problem that is fixed; from fixed you may: reopen');

    // A fixed problem takes no more incidents: repeats start counting afresh.
    const after = await report({ reasonCode: 'cold', pointOfService: point });
    expect(after.problemNumber).toBeNull();
  });
});
