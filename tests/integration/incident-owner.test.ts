import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FakeSlack } from '../support/fake-slack';
import { Api, complainInWebChat, type IncidentJson, type IncidentListJson, incidentReport, type Json } from '../support/incidents-api';
import { ConsoleBrowser, firstAdmin, invitedPerson, type PageAnswer } from '../support/people';
import { registerPoints } from '../support/points';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';

jest.setTimeout(90_000);

const BOT_TOKEN = 'xoxb-0000-incident-owner';
const CHANNEL = 'C0OWNERS';
const PHONE = '+380671234567';

type Detail = Omit<IncidentJson, 'transcript'> & { transcript: Json<IncidentJson['transcript'][number]>[] };

describe(`incident owners, contact reveals and transcripts (${databaseKind})`, () => {
  let slack: FakeSlack;
  let t: TestApp;
  let db: DataSource;
  let integration: Api;
  let supervisorKey: Api;
  let admin: ConsoleBrowser;
  let olena: { browser: ConsoleBrowser; id: string };
  let taras: { browser: ConsoleBrowser; id: string };
  let viewer: { browser: ConsoleBrowser; id: string };
  let gone: { browser: ConsoleBrowser; id: string };
  let adminId: string;

  beforeAll(async () => {
    slack = await FakeSlack.start(BOT_TOKEN);
    t = await startTestApp({ env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: 'owner-signing-secret-0123456789', SLACK_API_URL: slack.url, SLACK_ESCALATION_CHANNEL: CHANNEL, DEFAULT_LOCALE: 'en' } });
    await registerPoints(t.url, 'lviv-market');
    db = t.app.get(DataSource);
    const keys = new Api(t.url);
    integration = keys.as(await keys.key('integration', 'CRM'));
    supervisorKey = keys.as(await keys.key('supervisor', 'Dialler'));
    admin = await firstAdmin(t);
    adminId = (await admin.call('/api/v1/me')).body.id!;
    const person = (email: string, displayName: string, role: string) => invitedPerson(admin, { email, displayName, role, password: `${email}-password` });
    olena = await person('olena@example.com', 'Olena Koval', 'supervisor');
    taras = await person('taras@example.com', 'Taras Melnyk', 'supervisor');
    viewer = await person('vira@example.com', 'Vira Viewer', 'viewer');
    gone = await person('hanna@example.com', 'Hanna Gone', 'supervisor');
    expect((await admin.call(`/api/v1/users/${gone.id}`, { method: 'DELETE' })).status).toBe(204);
  });
  afterAll(async () => {
    await t.close();
    await slack.close();
  });

  const report = (overrides: Record<string, unknown> = {}) => integration.json<Detail>('/api/v1/incidents', { body: incidentReport({ phone: PHONE, ...overrides }) });
  const detail = async (browser: ConsoleBrowser, id: string) => (await browser.call<Detail>(`/api/v1/incidents/${id}`)).body;
  const assign = (browser: ConsoleBrowser, id: string, body: unknown, version?: number): Promise<PageAnswer<Detail & { message?: string }>> =>
    browser.call(`/api/v1/incidents/${id}/owner`, { method: 'POST', body, headers: version === undefined ? {} : { 'If-Match': `"${version}"` } });
  const rows = <T>(sql: string, params: unknown[]) => db.query<T[]>(sql, params);
  const messageOf = (incident: { number: number }) => slack.topLevel(CHANNEL).find((c) => String(c.args.text).startsWith(`INC-${incident.number} `));
  /** Waits until the incident's Slack message, as last posted or updated, shows `expected`. */
  const slackShows = (incident: { number: number }, expected: string) =>
    waitFor(() => {
      const message = messageOf(incident);
      const latest = message && (slack.updates(CHANNEL, message.ts!).at(-1) ?? message);
      return latest && JSON.stringify(latest.args).includes(expected) ? latest : undefined;
    }, 15_000);
  /** Waits until the thread of the incident's Slack message has a line with `expected`; answers every line. */
  const threadShows = (incident: { number: number }, expected: string) =>
    waitFor(() => {
      const message = messageOf(incident);
      const lines = message ? slack.thread(CHANNEL, message.ts!).map((c) => String(c.args.text)) : [];
      return lines.some((line) => line.includes(expected)) ? lines : undefined;
    }, 15_000);

  it('lets a supervisor take an incident with "assign to me": the owner, the history, the audit row and the Slack message say so', async () => {
    const incident = await report();
    const taken = await assign(olena.browser, incident.id, { me: true }, incident.version);
    expect(taken.status).toBe(200);
    expect(taken.body.owner).toEqual({ id: olena.id, name: 'Olena Koval' });
    expect(taken.body.version).toBe(incident.version + 1);
    expect(taken.body.history.at(-1)).toEqual({
      at: expect.any(String) as string,
      action: 'assign',
      from: 'new',
      to: 'new',
      actor: { kind: 'person', id: olena.id, name: 'Olena Koval' },
      note: null,
      owner: { id: olena.id, name: 'Olena Koval' },
    });
    const audit = await rows<Record<string, unknown>>(`SELECT action, actor_kind, actor_id, owner_person_id FROM incident_event WHERE incident_id = $1 ORDER BY seq`, [incident.id]);
    expect(audit.at(-1)).toEqual({ action: 'assign', actor_kind: 'person', actor_id: olena.id, owner_person_id: olena.id });
    const notices = await rows<{ kind: string }>(`SELECT kind FROM staff_notice WHERE incident_id = $1 ORDER BY seq`, [incident.id]);
    expect(notices.map((n) => n.kind)).toEqual(['incident_changed', 'incident_changed']);

    await slackShows(incident, '*Owner*\\nOlena Koval');
    expect(await threadShows(incident, 'assigned')).toContain('Olena Koval — *assigned* to Olena Koval');
  });

  it('lets an admin give it to someone else and then to nobody, honours If-Match, and records nothing for the same owner again', async () => {
    const incident = await report();
    await assign(olena.browser, incident.id, { me: true });
    const stale = await assign(admin, incident.id, { personId: taras.id }, incident.version);
    expect(stale.status).toBe(412);
    const current = await detail(admin, incident.id);
    const given = await assign(admin, incident.id, { personId: taras.id }, current.version);
    expect(given.status).toBe(200);
    expect(given.body.owner).toEqual({ id: taras.id, name: 'Taras Melnyk' });
    expect(given.body.history.at(-1)).toMatchObject({ action: 'assign', actor: { kind: 'person', id: adminId }, owner: { id: taras.id, name: 'Taras Melnyk' } });

    const again = await assign(admin, incident.id, { personId: taras.id });
    expect([again.status, again.body.version, again.body.history.length]).toEqual([200, given.body.version, given.body.history.length]);

    const dropped = await assign(admin, incident.id, { personId: null });
    expect(dropped.body.owner).toBeNull();
    expect(dropped.body.history.at(-1)).toMatchObject({ action: 'unassign', owner: { id: taras.id, name: 'Taras Melnyk' } });
    await slackShows(incident, '*Owner*\\n—');
  });

  it('refuses a viewer, an owner who may not own incidents, an unknown person, and me from an API key, saying why', async () => {
    const incident = await report();
    expect((await assign(viewer.browser, incident.id, { me: true })).status).toBe(403);
    const deactivated = await assign(admin, incident.id, { personId: gone.id });
    expect([deactivated.status, deactivated.body.message]).toEqual([409, 'Hanna Gone is deactivated: only supervisors and admins who are active or invited can own an incident']);
    const aViewer = await assign(admin, incident.id, { personId: viewer.id });
    expect([aViewer.status, aViewer.body.message]).toEqual([409, 'Vira Viewer is a viewer: only supervisors and admins who are active or invited can own an incident']);
    const unknown = await assign(admin, incident.id, { personId: '0b9d6e2c-3f7a-4d55-9b1e-1c2d3e4f5a6b' });
    expect(unknown.status).toBe(400);
    for (const body of [{}, { me: true, personId: olena.id }, { me: false }, { personId: 'olena' }]) expect((await assign(admin, incident.id, body)).status).toBe(400);
    const keyed = await supervisorKey.call(`/api/v1/incidents/${incident.id}/owner`, { body: { me: true } });
    expect(keyed.status).toBe(400);
    expect(((await keyed.json()) as { message: string }).message).toMatch(/an API key is none/);
    const byKey = await supervisorKey.call(`/api/v1/incidents/${incident.id}/owner`, { body: { personId: olena.id } });
    expect(byKey.status).toBe(200);
    expect(((await byKey.json()) as Detail).history.at(-1)).toMatchObject({ action: 'assign', actor: { kind: 'api_key', name: 'Dialler' } });
    expect((await detail(admin, incident.id)).history.filter((h) => h.action === 'assign')).toHaveLength(1);
  });

  it('filters the queue by owner (a person, me, none), and names the owner in every view', async () => {
    const mine = await report();
    const theirs = await report();
    const nobodys = await report();
    await assign(olena.browser, mine.id, { me: true });
    await assign(olena.browser, theirs.id, { personId: taras.id });
    const ids = async (browser: ConsoleBrowser | Api, owner: string) => {
      const path = `/api/v1/incidents?owner=${owner}&limit=200`;
      const page = browser instanceof Api ? await browser.json<IncidentListJson>(path) : (await browser.call<IncidentListJson>(path)).body;
      return page.items.map((i) => i.id);
    };
    expect(await ids(olena.browser, 'me')).toContain(mine.id);
    expect(await ids(olena.browser, 'me')).not.toContain(theirs.id);
    expect(await ids(olena.browser, taras.id)).toEqual(expect.arrayContaining([theirs.id]));
    expect(await ids(olena.browser, taras.id)).not.toContain(mine.id);
    const unowned = await ids(viewer.browser, 'none');
    expect(unowned).toContain(nobodys.id);
    expect(unowned).not.toContain(mine.id);
    expect(await ids(viewer.browser, 'me')).not.toContain(mine.id);

    const keyed = await supervisorKey.call('/api/v1/incidents?owner=me');
    expect(keyed.status).toBe(400);
    expect(((await keyed.json()) as { message: string }).message).toMatch(/^owner: me stands for the signed-in person/);
    expect((await olena.browser.call('/api/v1/incidents?owner=somebody')).status).toBe(400);

    const listed = (await viewer.browser.call<IncidentListJson>('/api/v1/incidents?limit=200')).body.items.find((i) => i.id === mine.id) as unknown as Detail;
    expect(listed.owner).toEqual({ id: olena.id, name: 'Olena Koval' });
    expect((await detail(viewer.browser, nobodys.id)).owner).toBeNull();
  });

  it('lists who may own incidents, by name, to supervisors and viewers', async () => {
    const answer = await olena.browser.call<{ id: string; name: string }[]>('/api/v1/users/assignable');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      { id: adminId, name: 'Ada Admin' },
      { id: olena.id, name: 'Olena Koval' },
      { id: taras.id, name: 'Taras Melnyk' },
    ]);
    expect((await viewer.browser.call('/api/v1/users/assignable')).status).toBe(200);
    expect((await integration.call('/api/v1/users/assignable')).status).toBe(403);
  });

  it('masks contacts for people until one reveals them, which the history records without the contact; API keys read as before', async () => {
    const incident = await report();
    expect((await detail(olena.browser, incident.id)).contact).toEqual({ phone: '+380 ••• ••• 67', email: null, masked: true });
    const listed = (await olena.browser.call<IncidentListJson>('/api/v1/incidents?limit=200')).body.items.find((i) => i.id === incident.id)!;
    expect(listed.contact.masked).toBe(true);
    expect((await supervisorKey.incident(incident.id)).contact).toEqual({ phone: PHONE, email: null, masked: false });

    expect((await viewer.browser.call(`/api/v1/incidents/${incident.id}/contact-reveal`, { method: 'POST' })).status).toBe(403);
    const revealed = await olena.browser.call<Detail>(`/api/v1/incidents/${incident.id}/contact-reveal`, { method: 'POST' });
    expect(revealed.status).toBe(200);
    expect(revealed.body.contact).toEqual({ phone: PHONE, email: null, masked: false });
    expect(revealed.body.version).toBe(incident.version);
    expect(revealed.body.history.at(-1)).toMatchObject({ action: 'contact_reveal', from: 'new', to: 'new', actor: { kind: 'person', id: olena.id, name: 'Olena Koval' }, note: null });

    // Read again, the contact is masked once more; nowhere but in the reveal's answer is it in the clear.
    const after = await detail(olena.browser, incident.id);
    expect(after.contact.masked).toBe(true);
    expect(JSON.stringify(after)).not.toContain('1234567');
    const audit = await rows<Record<string, unknown>>(`SELECT * FROM incident_event WHERE incident_id = $1 AND action = 'contact_reveal'`, [incident.id]);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('1234567');
    const thread = await threadShows(incident, 'revealed the contact');
    expect(thread).toContain('Olena Koval — *revealed the contact*');
    expect(JSON.stringify(slack.calls.filter((c) => c.args.channel === CHANNEL))).not.toContain('1234567');
    expect(t.logs.text()).not.toContain('1234567');
  });

  it('shows the conversation as the customer saw it, in order with times, its contact masked unless revealed', async () => {
    const session = await complainInWebChat(t.url, { point: 'lviv-market', score: 2, reason: 'waiting', phone: '+380 67 123 45 67' });
    const [{ id }] = await waitFor(async () => {
      const found = await rows<{ id: string }>(
        `SELECT i.id FROM incident i JOIN complaint c ON c.id = i.complaint_id JOIN conversation v ON v.id = c.conversation_id
         JOIN customer_identity ci ON ci.id = v.identity_id WHERE ci.address = $1`,
        [createHash('sha256').update(session).digest('hex')],
      );
      return found.length ? found : undefined;
    });
    const { transcript } = await detail(olena.browser, id);
    const customer = transcript.filter((line) => line.from === 'customer').map((line) => line.text);
    expect(customer).toEqual(['2', expect.stringMatching(/wait/i) as string, '+380 ••• ••• 67']);
    expect(transcript[0]).toMatchObject({ from: 'bot', buttons: expect.arrayContaining(['0', '10']) as string[] });
    const reasonQuestion = transcript[transcript.findIndex((line) => line.text === '2') + 1];
    expect(reasonQuestion).toMatchObject({ from: 'bot', buttons: expect.arrayContaining([customer[1]]) as string[] });
    const times = transcript.map((line) => Date.parse(line.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(JSON.stringify(transcript)).not.toContain('1234567');

    const revealed = (await olena.browser.call<Detail>(`/api/v1/incidents/${id}/contact-reveal`, { method: 'POST' })).body;
    expect(revealed.transcript.filter((line) => line.from === 'customer').at(-1)!.text).toBe(PHONE);
    expect((await report()).transcript).toEqual([]);
  });

  it('gives an incident to an invited supervisor before they first sign in, and lists them among those who may own one', async () => {
    const invited = await admin.call('/api/v1/users', { method: 'POST', body: { email: 'ivan@example.com', displayName: 'Ivan Invited', role: 'supervisor' } });
    const ivanId = invited.body.user!.id!;
    const incident = await report();
    const given = await assign(admin, incident.id, { personId: ivanId });
    expect([given.status, given.body.owner]).toEqual([200, { id: ivanId, name: 'Ivan Invited' }]);
    expect((await olena.browser.call<{ id: string; name: string }[]>('/api/v1/users/assignable')).body).toContainEqual({ id: ivanId, name: 'Ivan Invited' });
    // Withdrawing the invitation lets go of what was given to them, as any deactivation does.
    expect((await admin.call(`/api/v1/users/${ivanId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await detail(admin, incident.id)).owner).toBeNull();
    expect((await assign(admin, incident.id, { personId: ivanId })).status).toBe(409);
    expect((await olena.browser.call<{ id: string }[]>('/api/v1/users/assignable')).body.map((p) => p.id)).not.toContain(ivanId);
  });

  it("lets go of the open incidents a deactivated person owns, in the deactivation's transaction, recorded as done by the admin", async () => {
    const petro = await invitedPerson(admin, { email: 'petro@example.com', displayName: 'Petro Leaving', role: 'supervisor', password: 'petro-password-long' });
    const [fresh, working, settled, others] = [await report(), await report(), await report(), await report()];
    for (const incident of [fresh, working, settled]) expect((await assign(petro.browser, incident.id, { me: true })).status).toBe(200);
    expect((await petro.browser.call(`/api/v1/incidents/${working.id}/transitions`, { method: 'POST', body: { action: 'acknowledge' } })).status).toBe(201);
    expect((await petro.browser.call(`/api/v1/incidents/${settled.id}/transitions`, { method: 'POST', body: { action: 'reject', note: 'Not ours' } })).status).toBe(201);
    await assign(admin, others.id, { personId: taras.id });
    const versions = new Map<string, number>();
    for (const incident of [fresh, working, settled, others]) versions.set(incident.id, (await detail(admin, incident.id)).version);

    expect((await admin.call(`/api/v1/users/${petro.id}`, { method: 'DELETE' })).status).toBe(204);

    for (const incident of [fresh, working]) {
      const after = await detail(admin, incident.id);
      expect(after.owner).toBeNull();
      expect(after.version).toBe(versions.get(incident.id)! + 1);
      expect(after.history.at(-1)).toMatchObject({ action: 'unassign', actor: { kind: 'person', id: adminId, name: 'Ada Admin' }, owner: { id: petro.id, name: 'Petro Leaving' } });
      expect(after.status).toBe(incident.id === working.id ? 'acknowledged' : 'new');
    }
    // A settled incident keeps who worked it; someone else's is untouched.
    expect((await detail(admin, settled.id)).owner).toEqual({ id: petro.id, name: 'Petro Leaving' });
    expect((await detail(admin, settled.id)).version).toBe(versions.get(settled.id));
    expect((await detail(admin, others.id)).version).toBe(versions.get(others.id));
    const unowned = (await admin.call<IncidentListJson>(`/api/v1/incidents?owner=${petro.id}&limit=200`)).body.items.map((i) => i.id);
    expect(unowned).toEqual([settled.id]);
    // The supervisors hear of it in Slack, as of any change.
    expect(await threadShows(fresh, 'unassigned')).toContain('Ada Admin — *unassigned* from Petro Leaving');
    await slackShows(working, '*Owner*\\n—');
    // Deactivating again changes nothing more.
    expect((await admin.call(`/api/v1/users/${petro.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await detail(admin, fresh.id)).history.filter((h) => h.action === 'unassign')).toHaveLength(1);
  });

  it('leaves no open incident with a person deactivated while incidents were being given to them', async () => {
    const racer = await invitedPerson(admin, { email: 'rita@example.com', displayName: 'Rita Racing', role: 'supervisor', password: 'rita-password-long' });
    const incidents = await Promise.all(Array.from({ length: 12 }, () => report()));
    const answers = await Promise.all([
      ...incidents.slice(0, 6).map((incident) => assign(admin, incident.id, { personId: racer.id })),
      admin.call(`/api/v1/users/${racer.id}`, { method: 'DELETE' }),
      ...incidents.slice(6).map((incident) => assign(admin, incident.id, { personId: racer.id })),
    ]);
    // Each assignment came before the deactivation (and was let go) or after it (and was refused); none failed.
    expect(answers.filter((a) => ![200, 204, 409].includes(a.status)).map((a) => a.status)).toEqual([]);
    const owned = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM incident WHERE owner_person_id = $1 AND status IN ('new', 'acknowledged', 'in_progress')`, [racer.id]);
    expect(owned[0].n).toBe(0);
  });

  it("shows the standard's tasks in the reader's language and the phrases in the customer's", async () => {
    type Steps = { tasks: Record<string, string>[]; actions: { phrases: Record<string, string[]> }[] };
    const standard = await supervisorKey.json<{ events: Record<string, Steps> }>('/api/v1/standard');
    const incident = await report({ locale: 'uk' });
    const tasksOf = (event: string, locale: string) => standard.events[event].tasks.map((task) => task[locale]);
    const tasks = (locale: string) => tasksOf(incident.nextSteps.event, locale);
    const phrases = standard.events[incident.nextSteps.event].actions.map((a) => a.phrases.uk);
    const read = async (browser: ConsoleBrowser, language?: string) =>
      (await browser.call<Detail>(`/api/v1/incidents/${incident.id}`, { headers: language ? { 'Accept-Language': language } : {} })).body.nextSteps;

    // A reader gets the tasks in the language asked for (the console sends the one on its screen); the customer's phrases stay Ukrainian.
    const inRussian = await read(olena.browser, 'ru-RU,ru;q=0.9,en;q=0.8');
    expect(inRussian).toMatchObject({ locale: 'uk', tasksLocale: 'ru', tasks: tasks('ru') });
    expect(inRussian.actions.map((a) => a.phrases)).toEqual(phrases);
    expect((await read(olena.browser, 'de-DE, en;q=0.5')).tasksLocale).toBe('en');
    // Asking for none of the three: a person's own language.
    const english = await invitedPerson(admin, { email: 'emma@example.com', displayName: 'Emma English', role: 'supervisor', password: 'emma-password-long', locale: 'en' });
    expect(await read(english.browser, 'de-DE')).toMatchObject({ locale: 'uk', tasksLocale: 'en', tasks: tasks('en') });
    expect(await read(english.browser, 'ru')).toMatchObject({ locale: 'uk', tasksLocale: 'ru', tasks: tasks('ru') });
    // A transition answers the incident the same way.
    const moved = await english.browser.call<Detail>(`/api/v1/incidents/${incident.id}/transitions`, { method: 'POST', body: { action: 'acknowledge' }, headers: { 'Accept-Language': 'de' } });
    expect(moved.body.nextSteps).toMatchObject({ locale: 'uk', tasksLocale: 'en' });
    // Neither: the incident's language, as before.
    expect((await supervisorKey.incident(incident.id)).nextSteps).toMatchObject({ locale: 'uk', tasksLocale: 'uk' });
    expect((await (await supervisorKey.call(`/api/v1/incidents/${incident.id}`, { headers: { 'Accept-Language': 'ru' } })).json()) as Detail).toMatchObject({ nextSteps: { tasksLocale: 'ru' } });

    // Slack's readers are the staff: the tasks in DEFAULT_LOCALE (en), the phrases in the customer's language.
    const { event } = moved.body.nextSteps;
    const message = await slackShows(incident, 'is acknowledged');
    const text = JSON.stringify(message.args);
    for (const task of tasksOf(event, 'en')) expect(text).toContain(`• ${task}`);
    expect(text).not.toContain(tasksOf(event, 'uk')[0]);
    for (const action of standard.events[event].actions) expect(action.phrases.uk.some((phrase) => text.includes(phrase.slice(0, 12)))).toBe(true);
  });
});
