import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IncidentService } from '@turbota/incidents';
import { ChatClient, promptsOf } from '../support/chat-client';
import { complainByCommand } from '../support/complaint-command';
import { Api, complainInWebChat, type IncidentJson, type IncidentListJson, incidentReport } from '../support/incidents-api';
import { ManualClock } from '../support/manual-clock';
import { registerPoints } from '../support/points';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';

const START = '2026-03-02T09:00:00.000Z';

describe(`incidents (${databaseKind})`, () => {
  const clock = new ManualClock(START);
  let t: TestApp;
  let db: DataSource;
  let admin: Api;
  let supervisor: Api;
  let viewer: Api;
  let integration: Api;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await registerPoints(t.url, 'lviv-market', 'odesa-port');
    db = t.app.get(DataSource);
    admin = new Api(t.url);
    supervisor = admin.as(await admin.key('supervisor', 'Iryna (shift lead)'));
    viewer = admin.as(await admin.key('viewer'));
    integration = admin.as(await admin.key('integration', 'CRM'));
  });
  afterAll(() => t.close());

  const rows = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => db.query<T[]>(sql, params);
  const report = (overrides: Record<string, unknown> = {}) => integration.json<IncidentJson>('/api/v1/incidents', { body: incidentReport(overrides) });
  const incidentOfChat = async (session: string) =>
    waitFor(async () => {
      const [row] = await rows<{ id: string }>(
        `SELECT i.id FROM incident i JOIN complaint c ON c.id = i.complaint_id JOIN conversation v ON v.id = c.conversation_id
         JOIN customer_identity ci ON ci.id = v.identity_id WHERE ci.address = $1`,
        [webChatAddress(session)],
      );
      return row?.id;
    });

  it('turns a web chat detractor who leaves a phone into an incident, in the same step', async () => {
    const session = await complainInWebChat(t.url, { point: 'lviv-market', score: 2, reason: 'waiting', phone: '+380 67 123 45 67' });
    const id = await incidentOfChat(session);

    const incident = await supervisor.incident(id);
    expect(incident).toMatchObject({
      status: 'new',
      priority: 'high',
      version: 1,
      escalationLevel: 0,
      source: 'dialogue',
      reasonCode: 'waiting',
      metric: 'nps',
      score: 2,
      contact: { phone: '+380671234567', email: null, masked: false },
      attributes: { channel: 'web', locale: 'en', pointOfService: 'lviv-market' },
      breached: false,
      allowedActions: ['acknowledge', 'start', 'resolve', 'reject', 'escalate'],
    });
    expect(incident.number).toBeGreaterThan(0);
    // High priority: 30 minutes to acknowledge, 8 hours to resolve (config/incidents.json).
    const created = Date.parse(incident.createdAt);
    expect(Date.parse(incident.acknowledgeBy) - created).toBe(30 * 60_000);
    expect(Date.parse(incident.resolveBy) - created).toBe(8 * 3600_000);
    expect(incident.history).toHaveLength(1);
    expect(incident.history[0]).toMatchObject({ action: 'create', from: null, to: 'new', actor: { kind: 'customer' } });
    expect(incident.nextSteps).toMatchObject({ event: 'complaint_with_contacts', locale: 'en', version: incident.standardVersion });
    expect(incident.nextSteps.tasks.length).toBeGreaterThan(0);

    const notices = await rows(`SELECT kind, status FROM staff_notice WHERE incident_id = $1`, [id]);
    expect(notices).toEqual([{ kind: 'incident_changed', status: 'pending' }]);
  });

  it('makes no incident of a complaint without contacts', async () => {
    const before = await rows<{ n: string }>(`SELECT count(*) AS n FROM incident`);
    const session = await complainInWebChat(t.url, { point: 'lviv-market', reason: 'impolite' });
    const [complaint] = await waitFor(async () => {
      const found = await rows(`SELECT c.id FROM complaint c JOIN conversation v ON v.id = c.conversation_id JOIN customer_identity ci ON ci.id = v.identity_id WHERE ci.address = $1`, [webChatAddress(session)]);
      return found.length ? found : undefined;
    });
    expect(complaint).toBeDefined();
    expect(await rows<{ n: string }>(`SELECT count(*) AS n FROM incident`)).toEqual(before);
  });

  it('adds a later complaint of the conversation to its open incident, and opens a new one once that is settled', async () => {
    const chat = new ChatClient(t.url);
    await chat.open({ locale: 'en', point: 'lviv-market' });
    await complainByCommand(chat, { text: 'The queue took an hour', phone: '+380 67 123 45 70' });
    const id = await incidentOfChat(chat.session);
    await complainByCommand(chat, { text: 'And nobody <answered> the phone', phone: '+380 67 123 45 71' });
    const ofChat = () =>
      rows<{ id: string }>(
        `SELECT i.id FROM incident i JOIN complaint c ON c.id = i.complaint_id JOIN conversation v ON v.id = c.conversation_id
         JOIN customer_identity ci ON ci.id = v.identity_id WHERE ci.address = $1`,
        [webChatAddress(chat.session)],
      );
    expect(await ofChat()).toEqual([{ id }]);
    const detail = await supervisor.incident(id);
    expect(detail).toMatchObject({ status: 'new', version: 1, text: 'The queue took an hour', contact: { phone: '+380671234570' } });
    expect(detail.history.map((h) => h.action)).toEqual(['create', 'customer_statement']);
    expect(detail.history[1]).toMatchObject({ from: 'new', to: 'new', actor: { kind: 'customer' }, note: 'And nobody <answered> the phone' });
    const notices = await rows<{ kind: string }>(`SELECT kind FROM staff_notice WHERE incident_id = $1 ORDER BY seq`, [id]);
    expect(notices.map((n) => n.kind)).toEqual(['incident_changed', 'incident_changed']);

    expect((await supervisor.transition(id, { action: 'reject', note: 'A different branch' })).status).toBe(201);
    await complainByCommand(chat, { text: 'Still waiting', phone: '+380 67 123 45 70' });
    expect(await ofChat()).toHaveLength(2);

    // The statement's words live in its complaint: erasing the customer erases them from the history too.
    expect((await admin.call(`/api/v1/customers/${detail.customerId}`, { method: 'DELETE' })).status).toBe(204);
    const erased = await supervisor.incident(id);
    expect(erased.history.find((h) => h.action === 'customer_statement')).toMatchObject({ note: null });
    expect(JSON.stringify(erased)).not.toContain('nobody');
  });

  it('takes a complaint from an integration, once per externalId', async () => {
    const body = incidentReport({ email: 'Olena.K@Example.COM', phone: undefined, reasonCode: 'impolite', score: 6, agent: 'agent-7', text: 'Nobody listened' });
    const first = await integration.json<IncidentJson>('/api/v1/incidents', { body });
    expect(first).toMatchObject({
      status: 'new',
      source: 'api',
      externalId: body.externalId,
      priority: 'high',
      text: 'Nobody listened',
      contact: { phone: null, email: 'O•••@example.com', masked: true },
      attributes: { channel: 'api', agent: 'agent-7', pointOfService: 'kyiv-central' },
    });
    expect(first.history[0]).toMatchObject({ action: 'create', actor: { kind: 'api_key', name: 'CRM' } });

    const again = await integration.json<IncidentJson>('/api/v1/incidents', { body: { ...body, text: 'changed' } });
    expect(again.id).toBe(first.id);
    expect(again.text).toBe('Nobody listened');
    expect(await rows(`SELECT id FROM incident WHERE external_id = $1`, [body.externalId])).toHaveLength(1);
    expect((await admin.incident(first.id)).contact).toEqual({ phone: null, email: 'Olena.K@example.com', masked: false });
  });

  it('refuses a report without a way to reach the customer, or with a score off its scale, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ phone: undefined }, 'phone: a phone or an e-mail is needed'],
      [{ phone: '12' }, 'phone: must be a phone number'],
      [{ metric: undefined, score: 3 }, 'metric: must say which scale'],
      [{ metric: 'csat', score: 9 }, 'score: must be between 1 and 5 for csat'],
      [{ colour: 'red' }, 'unknown field(s): colour'],
    ];
    for (const [overrides, message] of cases) {
      const res = await integration.call('/api/v1/incidents', { body: incidentReport(overrides) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(message);
    }
    expect((await viewer.call('/api/v1/incidents', { body: incidentReport() })).status).toBe(403);
  });

  it('moves an incident through its states with one audit row each, in order, with who and why', async () => {
    const { id } = await report({ phone: '+380 50 111 22 33' });
    const other = admin.as(await admin.key('supervisor', 'Taras'));

    expect((await supervisor.transition(id, { action: 'acknowledge' })).status).toBe(201);
    clock.advance(5);
    expect((await other.transition(id, { action: 'start', note: 'Calling the customer' })).status).toBe(201);
    clock.advance(5);
    const resolved = await supervisor.json<IncidentJson>(`/api/v1/incidents/${id}/transitions`, {
      body: { action: 'resolve', note: 'Refunded the fee', justified: true },
    });

    expect(resolved).toMatchObject({ status: 'resolved', justified: true, version: 4, allowedActions: ['close', 'reopen'] });
    expect(resolved.nextSteps.event).toBe('incident_resolved');
    expect(resolved.history.map((h) => [h.action, h.from, h.to, h.actor.name, h.note])).toEqual([
      ['create', null, 'new', 'CRM', null],
      ['acknowledge', 'new', 'acknowledged', 'Iryna (shift lead)', null],
      ['start', 'acknowledged', 'in_progress', 'Taras', 'Calling the customer'],
      ['resolve', 'in_progress', 'resolved', 'Iryna (shift lead)', 'Refunded the fee'],
    ]);
    const times = resolved.history.map((h) => Date.parse(h.at as unknown as string));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The test's clock moves on at real speed between the jumps.
    expect(Date.parse(resolved.resolvedAt!) - Date.parse(resolved.acknowledgedAt!) - 10 * 60_000).toBeGreaterThanOrEqual(0);
    expect(Date.parse(resolved.resolvedAt!) - Date.parse(resolved.acknowledgedAt!) - 10 * 60_000).toBeLessThan(60_000);
    // Each change wrote its notice for the supervisors' channel in the same transaction.
    expect(await rows(`SELECT kind FROM staff_notice WHERE incident_id = $1 ORDER BY seq`, [id])).toEqual(Array(4).fill({ kind: 'incident_changed' }));
  });

  it('refuses illegal transitions with 409 saying what is allowed, and changes nothing', async () => {
    const { id } = await report();
    const res = await supervisor.transition(id, { action: 'close' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toBe('Cannot close an incident that is new; from new you may: acknowledge, start, resolve, reject, escalate');

    expect((await supervisor.transition(id, { action: 'reject', note: 'Outside our competence' })).status).toBe(201);
    const again = await supervisor.transition(id, { action: 'resolve', note: 'x', justified: true });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { message: string }).message).toMatch(/from rejected you may: close, reopen$/);

    const incident = await supervisor.incident(id);
    expect(incident).toMatchObject({ status: 'rejected', justified: false, version: 2 });
    expect(incident.history).toHaveLength(2);
  });

  it('needs a note to reject and to resolve, and justified to resolve (400)', async () => {
    const { id } = await report();
    const cases: [Record<string, unknown>, string][] = [
      [{ action: 'reject' }, 'reject needs a note'],
      [{ action: 'resolve', justified: true }, 'resolve needs a note'],
      [{ action: 'resolve', note: 'Done' }, 'resolve needs justified'],
      [{ action: 'archive' }, 'action must be one of acknowledge, start, resolve, reject, close, reopen, escalate'],
    ];
    for (const [body, message] of cases) {
      const res = await supervisor.transition(id, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(message);
    }
    expect((await supervisor.incident(id)).version).toBe(1);
  });

  it('honours If-Match (412 when stale), refuses viewers (403) and unknown ids (404)', async () => {
    const { id } = await report();
    expect((await supervisor.transition(id, { action: 'escalate', note: 'Regional manager' }, { 'If-Match': '"1"' })).status).toBe(201);
    const stale = await supervisor.transition(id, { action: 'acknowledge' }, { 'If-Match': '1' });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { message: string }).message).toMatch(/^INC-\d+ changed since version 1 \(it is at version 2 now\)/);
    expect((await supervisor.transition(id, { action: 'acknowledge' }, { 'If-Match': 'soon' })).status).toBe(400);
    expect((await viewer.transition(id, { action: 'acknowledge' })).status).toBe(403);
    expect((await supervisor.transition('00000000-0000-4000-8000-000000000000', { action: 'acknowledge' })).status).toBe(404);
    expect((await supervisor.call('/api/v1/incidents/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const escalated = await supervisor.incident(id);
    expect(escalated).toMatchObject({ status: 'new', escalationLevel: 1, version: 2 });
  });

  it('shows contacts plain to supervisors and admins, masked to viewers, in the detail and the list', async () => {
    const { id } = await report({ phone: '+380 67 000 11 22', email: 'taras@example.org' });
    expect((await supervisor.incident(id)).contact).toEqual({ phone: '+380670001122', email: 'taras@example.org', masked: false });
    expect((await viewer.incident(id)).contact).toEqual({ phone: '+380 ••• ••• 22', email: 't•••@example.org', masked: true });

    const listed = (who: Api) => who.json<IncidentListJson>('/api/v1/incidents?limit=200').then((page) => page.items.find((i) => i.id === id)!);
    expect((await listed(viewer)).contact).toEqual({ phone: '+380 ••• ••• 22', email: 't•••@example.org', masked: true });
    expect((await listed(admin)).contact.phone).toBe('+380670001122');
    expect(t.logs.text()).not.toMatch(/670001122|taras@example/);
  });

  it('lists with filters, newest first, a page at a time', async () => {
    const point = `point-${Date.now()}`;
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(1);
      made.push((await report({ pointOfService: point, reasonCode: `reason-${i}`, score: i < 2 ? 1 : 6 })).id);
    }
    await supervisor.transition(made[4], { action: 'acknowledge' });

    const pages: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: IncidentListJson = await viewer.json(`/api/v1/incidents?pointOfService=${point}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    }
    expect(pages).toEqual([...made].reverse());

    const ids = async (query: string) => (await viewer.json<IncidentListJson>(`/api/v1/incidents?pointOfService=${point}&${query}`)).items.map((i) => i.id);
    expect(await ids('priority=high')).toEqual([made[1], made[0]]);
    expect(await ids('status=acknowledged,in_progress')).toEqual([made[4]]);
    expect(await ids('reasonCode=reason-2')).toEqual([made[2]]);
    expect(await ids('breached=true')).toEqual([]);
    const bad = await viewer.call('/api/v1/incidents?status=open');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('status must be one or more of new, acknowledged, in_progress, resolved, rejected, closed');
  });

  it('closes the loop: "solved" closes, "not solved" reopens with a fresh deadline and tells the supervisors', async () => {
    const service = t.app.get(IncidentService);
    // Points of their own, so the two make no problem (whose notices would mix in).
    const { id } = await report({ score: 1, pointOfService: 'loop-1' });
    await supervisor.transition(id, { action: 'resolve', note: 'Called back', justified: true });
    const closed = await service.confirmByCustomer(id, true);
    expect(closed).toMatchObject({ status: 'closed', justified: true });
    expect(closed.history.at(-1)).toMatchObject({ action: 'customer_confirmed', from: 'resolved', to: 'closed', actor: { kind: 'customer' } });

    const { id: other } = await report({ score: 1, pointOfService: 'loop-2' });
    await supervisor.transition(other, { action: 'resolve', note: 'Explained the fee', justified: false });
    clock.advance(60);
    const reopened = await service.confirmByCustomer(other, false);
    expect(reopened).toMatchObject({ status: 'acknowledged', resolvedAt: null, justified: null });
    expect(reopened.history.at(-1)).toMatchObject({ action: 'customer_disputed', from: 'resolved', to: 'acknowledged', actor: { kind: 'customer' } });
    expect(reopened.nextSteps.event).toBe('customer_not_resolved');
    expect(reopened.resolveBy.getTime() - reopened.updatedAt.getTime()).toBe(8 * 3600_000);
    const notices = await rows<{ kind: string }>(`SELECT kind FROM staff_notice WHERE incident_id = $1 ORDER BY seq`, [other]);
    expect(notices.map((n) => n.kind)).toEqual(['incident_changed', 'incident_changed', 'incident_changed']);

    await expect(service.confirmByCustomer(other, true)).rejects.toThrow('Cannot confirm as solved an incident that is acknowledged');
  });

  it('closes the loop in the customer\'s own channel: told in the standard\'s words, "yes" closes, "no" reopens', async () => {
    const resolveAndAsk = async (phone: string) => {
      const session = await complainInWebChat(t.url, { point: 'odesa-port', score: 1, reason: 'waiting', phone });
      const id = await incidentOfChat(session);
      const resolved = await supervisor.json<IncidentJson>(`/api/v1/incidents/${id}/transitions`, { body: { action: 'resolve', note: 'Refunded', justified: true } });
      const chat = new ChatClient(t.url);
      const question = promptsOf((await chat.open({ locale: 'en', session })).messages).at(-1)!;
      expect(question).toMatchObject({ kind: 'choice', questionCode: 'resolution', options: [{ code: 'yes' }, { code: 'no' }] });
      // Each of the standard's actions for a resolved incident, in one of its variants.
      for (const action of resolved.nextSteps.actions) expect(action.phrases.some((p) => question.text!.includes(p))).toBe(true);
      return { id, chat };
    };

    const solved = await resolveAndAsk('+380 67 222 33 44');
    const thanks = promptsOf(await solved.chat.send({ kind: 'choice', code: 'yes' }));
    expect(thanks.at(-1)!.kind).toBe('text');
    expect(thanks.at(-1)!.text).toMatch(/thank|glad/i);
    const closed = await supervisor.incident(solved.id);
    expect(closed).toMatchObject({ status: 'closed', justified: true });
    expect(closed.history.at(-1)).toMatchObject({ action: 'customer_confirmed', from: 'resolved', to: 'closed', actor: { kind: 'customer' } });

    const disputed = await resolveAndAsk('+380 67 222 33 55');
    const reply = await disputed.chat.send({ kind: 'choice', code: 'no' });
    const reopened = await supervisor.incident(disputed.id);
    expect(reopened).toMatchObject({ status: 'acknowledged', resolvedAt: null });
    expect(reopened.history.at(-1)).toMatchObject({ action: 'customer_disputed', actor: { kind: 'customer' } });
    expect(reopened.nextSteps.event).toBe('customer_not_resolved');
    const apology = promptsOf(reply).at(-1)!.text!;
    for (const action of reopened.nextSteps.actions) expect(action.phrases.some((p) => apology.includes(p))).toBe(true);

    // A late answer to a question already answered changes nothing.
    await disputed.chat.send({ kind: 'choice', code: 'yes' });
    expect((await supervisor.incident(disputed.id)).status).toBe('acknowledged');
  });

  it('tells a customer whose complaint is rejected, in the standard\'s words for it, and asks nothing', async () => {
    const session = await complainInWebChat(t.url, { point: 'odesa-port', score: 3, reason: 'waiting', phone: '+380 67 222 33 66' });
    const id = await incidentOfChat(session);
    const rejected = await supervisor.json<IncidentJson>(`/api/v1/incidents/${id}/transitions`, { body: { action: 'reject', note: 'Outside our competence' } });
    expect(rejected.nextSteps.event).toBe('incident_rejected');

    const told = promptsOf((await new ChatClient(t.url).open({ locale: 'en', session })).messages).at(-1)!;
    expect(told.kind).toBe('text');
    for (const action of rejected.nextSteps.actions) expect(action.phrases.some((p) => told.text!.includes(p))).toBe(true);
    // The supervisor's note is for the staff, never for the customer.
    expect(told.text).not.toContain('Outside our competence');
  });
});

/** The web chat keeps a session's hash as the customer's address, never the session itself. */
function webChatAddress(session: string): string {
  return createHash('sha256').update(session).digest('hex');
}
