import { DataSource } from 'typeorm';
import { Api, type IncidentJson, incidentReport } from '../../support/incidents-api';
import type { FakeSlack, SlackCall } from '../../support/fake-slack';
import { recordFigures } from '../../support/figures';
import { ManualClock } from '../../support/manual-clock';
import type { TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { type SlackSupervisorsApp, startSlackSupervisorsApp } from '../../support/slack-supervisors-app';
import { type SlackDelivery, type SlackRequest, slackTransports } from '../../support/slack-transports';

jest.setTimeout(90_000);

const BOT_TOKEN = 'xoxb-0000-authz-token';
const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const CHANNEL = 'C0ESCALATE';
const TEAM = { id: 'T061EG9R6', domain: 'example' };
/** A supervisor: a member of the escalation channel. */
const OLENA = { id: 'U0OLENA', username: 'olena.k', name: 'olena.k', team_id: TEAM.id };
/** A member of the workspace, not of the escalation channel. */
const MALLORY = { id: 'U0MALLORY', username: 'mallory', name: 'mallory', team_id: TEAM.id };
/** Added to the escalation channel during the test. */
const IVAN = { id: 'U0IVAN', username: 'ivan.p', name: 'ivan.p', team_id: TEAM.id };
const BUTTONS = ['acknowledge', 'resolve', 'reject', 'escalate'] as const;

type User = typeof OLENA;
interface ModalView {
  callback_id: string;
  private_metadata: string;
}

describe.each(slackTransports)(`Only supervisors act on incidents from Slack, over $name (${databaseKind})`, (transport) => {
  const clock = new ManualClock(new Date());
  let fake: FakeSlack;
  let app: SlackSupervisorsApp;
  let slack: SlackDelivery;
  let t: TestApp;
  let db: DataSource;
  let admin: Api;
  let integration: Api;
  let n = 0;
  const refused: string[] = [];

  beforeAll(async () => {
    const prepare = (slack: FakeSlack) => slack.channelMembers.set(CHANNEL, [OLENA.id, 'U0BOT']);
    app = await startSlackSupervisorsApp(transport, { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, channel: CHANNEL, clock, prepare });
    ({ fake, slack, t, admin, integration } = app);
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await app.close();
    // The HTTP figures keep the section they always had.
    recordFigures('hostile', transport.name === 'http' ? 'slack-supervisors-authz' : `slack-supervisors-authz-${transport.name}`, { refusedAttempts: refused.length, refused, changesMadeByNonSupervisors: 0 });
  });

  const post = async (request: SlackRequest) => {
    const res = await slack.deliver(request);
    expect(res.status).toBe(200);
    return res.body as Record<string, unknown>;
  };
  const form = (payload: Record<string, unknown>): SlackRequest => ({ kind: 'interaction', payload });
  const slash = (user: User, text: string) => post({ kind: 'command', fields: { command: '/turbota', text, user_id: user.id, user_name: user.name, channel_id: 'C0GENERAL', response_url: fake.responseUrl(`cmd-${++n}`) } });
  const press = (user: User, incident: IncidentJson, action: string, options: { responseId?: string | null } = {}) => {
    const responseId = options.responseId === undefined ? `r${++n}` : options.responseId;
    return post(
      form({
        type: 'block_actions',
        user,
        team: TEAM,
        trigger_id: `trigger-${++n}`,
        container: { type: 'message', message_ts: '1700000000.000100', channel_id: CHANNEL },
        channel: { id: CHANNEL, name: 'escalations' },
        ...(responseId === null ? {} : { response_url: fake.responseUrl(responseId) }),
        actions: [{ action_id: `incident.${action}`, block_id: `incident:v${incident.version}`, value: incident.id, type: 'button', action_ts: `1700000100.${n}` }],
      }),
    );
  };
  const submit = (user: User, view: ModalView) =>
    post(form({ type: 'view_submission', user, team: TEAM, view: { id: `V${++n}`, ...view, state: { values: { note: { note: { value: 'Called back' } }, justified: { justified: { selected_option: { value: 'yes' } } } } } } }));
  /** What a refusal must leave as it was: the incident, its audit trail, its Slack notices. */
  const footprint = async (incident: IncidentJson) => {
    const { status, version, escalationLevel } = await admin.incident(incident.id);
    const [rows] = await db.query<{ events: number; notices: number }[]>(
      `SELECT (SELECT count(*)::int FROM incident_event WHERE incident_id = $1) AS events, (SELECT count(*)::int FROM staff_notice WHERE incident_id = $1) AS notices`,
      [incident.id],
    );
    return { status, version, escalationLevel, ...rows };
  };
  const toldTo = (responseId: string) => waitFor(() => fake.responses(responseId)[0]);
  const reported = async () => {
    const incident = await integration.json<IncidentJson>('/api/v1/incidents', { body: incidentReport({ reasonCode: 'rude-staff', text: 'The manager shouted at me' }) });
    await waitFor(() => fake.topLevel(CHANNEL).find((c) => String(c.args.text).startsWith(`INC-${incident.number} `)), 15_000);
    return incident;
  };

  it('refuses a workspace member who is not a supervisor, to them alone, and changes nothing', async () => {
    // The finding: any member could run `/turbota <n>` and press every button.
    const incident = await reported();
    const before = await footprint(incident);

    const answer = await slash(MALLORY, String(incident.number));
    expect(answer).toEqual({ response_type: 'ephemeral', text: expect.stringMatching(/^:no_entry: Only supervisors can use \/turbota, and nothing was done\. Supervisors are the members of the escalation channel/) as string });
    expect(JSON.stringify(answer)).not.toMatch(/rude-staff|shouted|kyiv-central|INC-/);
    refused.push('/turbota <n>');

    for (const action of BUTTONS) {
      const views = fake.views().length;
      expect(await press(MALLORY, incident, action, { responseId: `mallory-${action}` })).toEqual({});
      const told = await toldTo(`mallory-${action}`);
      expect(told.args).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: expect.stringContaining(`Only supervisors can ${action} incidents`) as string });
      expect(fake.views()).toHaveLength(views);
      refused.push(`incident.${action}`);
    }

    // A press without a response_url is answered with chat.postEphemeral, to the presser only.
    await press(MALLORY, incident, 'acknowledge', { responseId: null });
    const ephemeral = await waitFor(() => fake.ephemerals().find((c) => c.args.user === MALLORY.id));
    expect(ephemeral.args).toMatchObject({ channel: CHANNEL, text: expect.stringContaining('Only supervisors can acknowledge incidents') as string });

    // The resolve modal, opened by a supervisor, submitted by someone else.
    await press(OLENA, incident, 'resolve');
    const view = (await waitFor(() => fake.views().at(-1))).args.view as ModalView;
    expect(await submit(MALLORY, view)).toEqual({ response_action: 'errors', errors: { note: expect.stringContaining('Only supervisors can resolve incidents') as string } });
    refused.push('incident.resolve.modal');

    expect(await footprint(incident)).toEqual(before);
  });

  it('lets a member of the escalation channel act, and someone just added to it at once', async () => {
    const incident = await reported();
    expect(await press(OLENA, incident, 'acknowledge')).toEqual({});
    expect(await admin.incident(incident.id)).toMatchObject({ status: 'acknowledged', version: 2 });

    const after = await admin.incident(incident.id);
    await press(IVAN, after, 'escalate', { responseId: 'ivan-before' });
    expect((await toldTo('ivan-before')).args.text).toMatch(/Only supervisors can escalate incidents/);
    fake.channelMembers.set(CHANNEL, [OLENA.id, IVAN.id, 'U0BOT']);
    // Slack is asked again for someone not on the list, at most every few seconds.
    clock.advance(0.1);
    await press(IVAN, after, 'escalate');
    expect(await admin.incident(incident.id)).toMatchObject({ escalationLevel: 1, version: 3 });
    expect((await admin.incident(incident.id)).history.at(-1)).toMatchObject({ action: 'escalate', actor: { kind: 'slack_user', id: IVAN.id } });
    expect(await slash(OLENA, String(incident.number))).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(new RegExp(`^INC-${incident.number} `)) as string });
  });

  it('refuses everyone when Slack cannot say who the supervisors are', async () => {
    const incident = await reported();
    const before = await footprint(incident);
    const asked = fake.callsOf('conversations.members').length;
    fake.failing.add('conversations.members');
    try {
      // Past the minute the list is trusted for.
      clock.advance(1.1);
      await press(OLENA, incident, 'escalate', { responseId: 'slack-down' });
      expect((await toldTo('slack-down')).args.text).toMatch(/could not check with Slack who the supervisors are, so nothing was done/);
      expect(await slash(OLENA, String(incident.number))).toEqual({ response_type: 'ephemeral', text: expect.stringMatching(/could not check with Slack/) as string });
      expect(fake.callsOf('conversations.members').length).toBeGreaterThan(asked);
      expect(await footprint(incident)).toEqual(before);
      refused.push('Slack membership API failing');
    } finally {
      fake.failing.delete('conversations.members');
    }
    clock.advance(0.1);
    await press(OLENA, incident, 'escalate');
    expect(await admin.incident(incident.id)).toMatchObject({ escalationLevel: 1 });
  });

  it('reads the members page by page', async () => {
    const many = Array.from({ length: 2_500 }, (_, i) => `U0MEMBER${i}`);
    fake.channelMembers.set(CHANNEL, [...many, OLENA.id]);
    clock.advance(1.1);
    const incident = await reported();
    await press(OLENA, incident, 'acknowledge');
    expect(await admin.incident(incident.id)).toMatchObject({ status: 'acknowledged' });
    const pages: SlackCall[] = fake.callsOf('conversations.members').slice(-3);
    expect(pages.map((c) => c.args.cursor ?? null)).toEqual([null, 'page:1000', 'page:2000']);
  });
});
