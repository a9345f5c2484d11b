import { DataSource } from 'typeorm';
import { BotModule } from '../../apps/bot/src/bot.module';
import { Api, complainInWebChat, type IncidentJson, incidentReport } from '../support/incidents-api';
import type { FakeSlack, SlackCall } from '../support/fake-slack';
import { incidentButtonPress, incidentViewSubmission, SLACK_SUPERVISOR } from '../support/slack-fixtures';
import { ManualClock } from '../support/manual-clock';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { postToSlack, type SlackPostOptions } from '../support/webhooks';
import { type SlackSupervisorsApp, startSlackSupervisorsApp } from '../support/slack-supervisors-app';
import { type SlackDelivery, type SlackRequest, slackTransports } from '../support/slack-transports';

jest.setTimeout(60_000);

const BOT_TOKEN = 'xoxb-0000-supervisors-token';
const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const CHANNEL = 'C0ESCALATE';
// Both processes must open what the other sealed.
const PII_ENCRYPTION_KEY = '5'.repeat(64);
const OLENA = SLACK_SUPERVISOR;

interface Button {
  action_id: string;
  value: string;
}
interface MessageArgs {
  text: string;
  blocks: { type: string; block_id?: string; elements?: Button[] }[];
}
interface ModalView {
  callback_id: string;
  private_metadata: string;
  blocks: { type: string; block_id?: string }[];
}

describe.each(slackTransports)(`Slack for supervisors, over $name (${databaseKind})`, (transport) => {
  const clock = new ManualClock(new Date());
  let fake: FakeSlack;
  let app: SlackSupervisorsApp;
  let slack: SlackDelivery;
  let t: TestApp;
  let second: TestApp;
  let db: DataSource;
  let admin: Api;
  let integration: Api;
  let n = 0;
  // Signatures belong to the HTTP endpoint; over the socket they do not arise.
  const httpOnly = transport.name === 'http' ? it : it.skip;

  beforeAll(async () => {
    app = await startSlackSupervisorsApp(transport, { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, channel: CHANNEL, clock, env: { PII_ENCRYPTION_KEY } });
    ({ fake, slack, t, admin, integration } = app);
    // A second bot process on the same database: its notice sender competes for every notice.
    second = await startTestApp({ clock, env: app.env, database: t.database, features: [BotModule] });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await second.close({ closeDatabase: false });
    await app.close();
  });

  const post = (raw: string, options: Partial<SlackPostOptions> = {}) => postToSlack(t.url, raw, { secret: SIGNING_SECRET, type: 'form', ...options });
  const deliver = (request: SlackRequest) => slack.deliver(request);
  const form = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

  /** Every notice sent: Slack is quiet until something changes. */
  const settled = () =>
    waitFor(async () => {
      const [pending] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM staff_notice WHERE status = 'pending'`);
      return pending.n === 0 ? true : undefined;
    }, 15_000);
  const report = (overrides: Record<string, unknown> = {}) => integration.json<IncidentJson>('/api/v1/incidents', { body: incidentReport(overrides) });
  /** The incident's message in the channel (posted once). */
  const messageOf = (incident: IncidentJson) => waitFor(() => fake.topLevel(CHANNEL).find((c) => String(c.args.text).startsWith(`INC-${incident.number} `)));
  /** The message as it now reads: the last update, or the post; once it shows the incident's current version. */
  const rendering = async (incident: IncidentJson, status: string): Promise<MessageArgs> => {
    const message = await messageOf(incident);
    return waitFor(() => {
      const latest = (fake.updates(CHANNEL, message.ts!).at(-1) ?? message).args as unknown as MessageArgs;
      return latest.text.includes(`is ${status}`) ? latest : undefined;
    });
  };
  const buttonsOf = (args: MessageArgs) => args.blocks.find((b) => b.type === 'actions');
  const press = (incident: IncidentJson, action: string, options: { blockId?: string; message?: SlackCall; responseId?: string } = {}) => {
    n += 1;
    const responseUrl = fake.responseUrl(options.responseId ?? `r${n}`);
    return { kind: 'interaction' as const, payload: incidentButtonPress({ incident, action, channel: CHANNEL, n, responseUrl, messageTs: options.message?.ts, blockId: options.blockId }) };
  };
  const submit = (view: ModalView, values: { note?: string; justified?: 'yes' | 'no' }): SlackRequest => ({ kind: 'interaction', payload: incidentViewSubmission({ ...view }, values, ++n) });
  /** Presses resolve or reject and answers the modal Slack was asked to open. */
  const openModal = async (incident: IncidentJson, action: 'resolve' | 'reject'): Promise<ModalView> => {
    const raw = press(incident, action);
    const trigger = `trigger-${n}`;
    expect((await deliver(raw)).status).toBe(200);
    return (await waitFor(() => fake.views().find((c) => c.args.trigger_id === trigger))).args.view as ModalView;
  };

  it('posts a new incident to the escalation channel with the contact masked, the next steps and buttons', async () => {
    const incident = await report({ text: 'Waited 40 minutes <at the desk>', agent: 'agent-7', serviceType: 'loans' });
    const message = await messageOf(incident);
    const json = JSON.stringify(message.args);
    expect(json).toContain('+380 ••• ••• 21');
    for (const plainPhone of ['+380677654321', '765 43 21', '7654321']) expect(json).not.toContain(plainPhone);
    expect(json).toContain('Waited 40 minutes &lt;at the desk&gt;');
    expect(json).toMatch(/Next steps/);
    for (const fact of ['agent-7', 'kyiv-central', 'loans', 'NPS 5', 'waiting']) expect(json).toContain(fact);
    const buttons = buttonsOf(message.args as unknown as MessageArgs)!.elements!;
    expect(buttons.map((b) => b.action_id)).toEqual(['incident.acknowledge', 'incident.resolve', 'incident.reject', 'incident.escalate']);
    expect(buttons.every((b) => b.value === incident.id)).toBe(true);
    // The sender records where the message went once Slack has answered, a moment after the post.
    expect(await waitFor(async () => (await admin.incident(incident.id)).slack ?? undefined)).toEqual({ channel: CHANNEL, ts: message.ts });
    const created = await waitFor(() => fake.thread(CHANNEL, message.ts!)[0]);
    expect(String(created.args.text)).toMatch(/CRM \(API\) — \*created\*/);
  });

  it('acknowledges from a button as the Slack user, updates the message in place and adds the history to its thread', async () => {
    const incident = await report();
    const message = await messageOf(incident);
    expect((await deliver(press(incident, 'acknowledge', { message }))).status).toBe(200);

    const after = await admin.incident(incident.id);
    expect(after.status).toBe('acknowledged');
    expect(after.history.at(-1)).toMatchObject({ action: 'acknowledge', from: 'new', to: 'acknowledged', actor: { kind: 'slack_user', id: OLENA.id, name: OLENA.name } });
    const updated = await rendering(incident, 'acknowledged');
    expect(buttonsOf(updated)!.elements!.map((b) => b.action_id)).toEqual(['incident.resolve', 'incident.reject', 'incident.escalate']);
    expect(JSON.stringify(updated)).toContain(`<@${OLENA.id}> — *acknowledged*`);
    const thread = await waitFor(() => (fake.thread(CHANNEL, message.ts!).length === 2 ? fake.thread(CHANNEL, message.ts!) : undefined));
    expect(String(thread[1].args.text)).toBe(`<@${OLENA.id}> — *acknowledged* (new → acknowledged)`);
    expect(fake.topLevel(CHANNEL).filter((c) => String(c.args.text).startsWith(`INC-${incident.number} `))).toHaveLength(1);
  });

  it('applies a retried delivery (X-Slack-Retry-Num, or the envelope again) once, saying nothing of the retry', async () => {
    const incident = await report();
    await messageOf(incident);
    const raw = press(incident, 'escalate', { responseId: 'retried' });
    expect((await slack.retried(raw, { times: 2 })).map((answer) => answer.status)).toEqual([200, 200]);
    const after = await admin.incident(incident.id);
    expect(after.escalationLevel).toBe(1);
    expect(after.history.filter((h) => h.action === 'escalate')).toHaveLength(1);
    expect(fake.responses('retried')).toEqual([]);
  });

  it('resolves through a modal that refuses a submission without a note', async () => {
    const incident = await report();
    await messageOf(incident);
    const view = await openModal(incident, 'resolve');
    expect(view.blocks.map((b) => b.block_id).filter(Boolean)).toEqual(['justified', 'note']);

    const refused = await deliver(submit(view, { justified: 'yes', note: '  ' }));
    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({ response_action: 'errors', errors: { note: expect.stringMatching(/note is required/) as string } });
    expect((await admin.incident(incident.id)).status).toBe('new');

    expect((await deliver(submit(view, { justified: 'yes', note: 'Called back and apologised' }))).body).toEqual({});
    const after = await admin.incident(incident.id);
    expect(after).toMatchObject({ status: 'resolved', justified: true });
    expect(after.history.at(-1)).toMatchObject({ action: 'resolve', note: 'Called back and apologised', actor: { kind: 'slack_user', id: OLENA.id } });
    expect(buttonsOf(await rendering(incident, 'resolved'))).toBeUndefined();
  });

  it('rejects through a modal that needs the reason', async () => {
    const incident = await report();
    await messageOf(incident);
    const view = await openModal(incident, 'reject');
    expect((await deliver(submit(view, {}))).body).toMatchObject({ response_action: 'errors', errors: { note: expect.stringMatching(/note is required/) as string } });
    expect((await deliver(submit(view, { note: 'The customer came after closing time' }))).body).toEqual({});
    expect(await admin.incident(incident.id)).toMatchObject({ status: 'rejected', justified: false });
  });

  it('tells the user when an action is not allowed, or the modal is out of date', async () => {
    const incident = await report();
    const message = await messageOf(incident);
    const view = await openModal(incident, 'resolve');
    expect((await deliver(press(incident, 'acknowledge', { message }))).status).toBe(200);

    const stale = (await deliver(submit(view, { justified: 'no', note: 'Done' }))).body;
    expect(stale).toEqual({ response_action: 'errors', errors: { note: expect.stringMatching(/changed since version 1/) as string } });

    // The same form reopened on the current version goes through.
    const current = { ...view, private_metadata: JSON.stringify({ ...(JSON.parse(view.private_metadata) as object), version: 2 }) };
    expect((await deliver(submit(current, { justified: 'no', note: 'Done' }))).body).toEqual({});
    const resolved = await admin.incident(incident.id);
    expect(resolved).toMatchObject({ status: 'resolved', justified: false });

    expect((await deliver(press(resolved, 'acknowledge', { responseId: 'illegal' }))).status).toBe(200);
    const told = await waitFor(() => fake.responses('illegal')[0]);
    expect(told.args).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: expect.stringMatching(/Cannot acknowledge an incident that is resolved/) as string });
    expect((await admin.incident(incident.id)).version).toBe(resolved.version);
  });

  httpOnly('refuses forged and stale signatures with 401 and changes nothing (HTTP only)', async () => {
    const incident = await report();
    const raw = form(press(incident, 'acknowledge').payload);
    const now = Math.floor(Date.now() / 1000);
    // Ten seconds past the five minutes either way, so a second ticking over mid-test changes nothing.
    for (const forgery of [{ secret: 'another-secret', at: now }, { at: now - 310 }, { at: now + 310 }, { secret: null }]) {
      expect((await post(raw, forgery)).status).toBe(401);
    }
    const command = new URLSearchParams({ command: '/turbota', text: 'stats' }).toString();
    expect((await post(command, { secret: 'another-secret', at: now })).status).toBe(401);
    expect(await admin.incident(incident.id)).toMatchObject({ status: 'new', version: 1 });
  });

  it('answers the slash command with stats and with an incident summary, to the asker only', async () => {
    await complainInWebChat(t.url, { point: 'lviv-market', score: 2, reason: 'waiting' });
    const ask = async (text: string) => {
      const res = await deliver({ kind: 'command', fields: { command: '/turbota', text, user_id: OLENA.id, response_url: fake.responseUrl('cmd') } });
      expect(res.status).toBe(200);
      return res.body as { response_type: string; text: string; blocks: unknown[] };
    };
    const stats = await ask('stats');
    expect(stats.response_type).toBe('ephemeral');
    // One detractor: NPS -100 with its adjusted-Wald interval (-98.5 ... +48.5).
    expect(stats.text).toContain('NPS *-100.0* (95% interval -98.5 … +48.5), n = 1');
    expect(stats.text).toMatch(/\*Incidents\* · new \d+ · acknowledged \d+ · in progress 0 · resolved 2 · rejected 1 · closed 0/);

    const incident = await report();
    for (const text of [`INC-${incident.number}`, String(incident.number)]) {
      const summary = await ask(text);
      expect(summary.response_type).toBe('ephemeral');
      const json = JSON.stringify(summary);
      expect(json).toContain(`INC-${incident.number} · `);
      expect(json).toContain('+380 ••• ••• 21');
      expect(json).not.toContain('7654321');
      expect(json).not.toContain('"actions"');
    }
    expect((await ask('INC-99999')).text).toBe('There is no incident INC-99999.');
    expect((await ask('help me')).text).toMatch(/`\/turbota stats`/);
  });

  it('announces a problem when the same complaint repeats at one point of service', async () => {
    const reported: IncidentJson[] = [];
    // From three customers (three phones): one customer alone makes no problem.
    for (let i = 0; i < 3; i++) reported.push(await report({ reasonCode: 'rude-staff', pointOfService: 'odesa-port', phone: `+380 67 765 43 3${i}` }));
    const problem = await waitFor(() => fake.topLevel(CHANNEL).find((c) => /^PRB-\d+: 3 incidents with reason rude-staff at point of service odesa-port$/.test(String(c.args.text))));
    const json = JSON.stringify(problem.args);
    for (const incident of reported) expect(json).toContain(`INC-${incident.number} (new)`);
    expect(json).not.toContain('7654321');
    const detected = await waitFor(() => fake.thread(CHANNEL, problem.ts!)[0]);
    expect(String(detected.args.text)).toMatch(/^Turbota — \*detected the problem\* INC-\d+: “3 incidents with the reason "rude-staff"/);
  });

  it('waits out a 429 retry_after before posting again', async () => {
    await settled();
    fake.rateLimit(2);
    const incident = await report();
    const message = await waitFor(() => fake.topLevel(CHANNEL).find((c) => String(c.args.text).startsWith(`INC-${incident.number} `)), 10_000);
    const refused = fake.calls.find((c) => c.status === 429)!;
    // The refused call was this very post; neither process tried again before Retry-After.
    expect(String(refused.args.text)).toBe(String(message.args.text));
    expect(message.at - refused.at).toBeGreaterThanOrEqual(1900);
  });

  it('announces an SLA breach with its escalation level, marks the message and adds it to the thread', async () => {
    const incident = await report({ score: 2 });
    const message = await messageOf(incident);
    // High priority (NPS 0-3): 30 minutes to acknowledge (config/incidents.json).
    clock.advance(31);
    const announcement = await waitFor(() => fake.topLevel(CHANNEL).find((c) => String(c.args.text).includes(`SLA breached on INC-${incident.number} `)), 10_000);
    expect(String(announcement.args.text)).toBe(`<!here> :rotating_light: SLA breached on INC-${incident.number} (high): the deadline to acknowledge has passed. Escalation level 1.`);
    await waitFor(() => fake.updates(CHANNEL, message.ts!).find((u) => JSON.stringify(u.args).includes(':warning: *breached*')));
    const line = await waitFor(() => fake.thread(CHANNEL, message.ts!).find((c) => String(c.args.text).includes('SLA breached')));
    expect(String(line.args.text)).toMatch(/^Turbota — \*SLA breached\*: “Not acknowledged by the deadline/);
  });

  it('posts each incident and each history line once, with two processes sending', async () => {
    const incidents = await Promise.all(Array.from({ length: 6 }, () => report()));
    await settled();
    for (const incident of incidents) {
      const posts = fake.topLevel(CHANNEL).filter((c) => String(c.args.text).startsWith(`INC-${incident.number} `));
      expect(posts).toHaveLength(1);
      expect(fake.thread(CHANNEL, posts[0].ts!)).toHaveLength(1);
    }
  });
});
