import { APP_HOME_TEXTS } from '../../apps/bot/src/supervisors/app-home-texts';
import { type Api, type IncidentJson, incidentReport } from '../support/incidents-api';
import type { FakeSlack, SlackCall } from '../support/fake-slack';
import { ManualClock } from '../support/manual-clock';
import { type ConsoleBrowser, firstAdmin, invitedPerson } from '../support/people';
import { slackAppHomeOpened } from '../support/slack-fixtures';
import type { TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { type SlackSupervisorsApp, startSlackSupervisorsApp } from '../support/slack-supervisors-app';
import { type SlackDelivery, slackTransports } from '../support/slack-transports';

jest.setTimeout(90_000);

const BOT_TOKEN = 'xoxb-0000-app-home';
const SIGNING_SECRET = 'app-home-signing-secret-01234567';
const CHANNEL = 'C0HOMES';
/** A supervisor (a member of the escalation channel) whose person reads Ukrainian. */
const OLENA = { id: 'U0OLENA', name: 'olena.k' };
/** A supervisor no person is linked to: the installation's language, English. */
const IRYNA = { id: 'U0IRYNA', name: 'iryna.s' };
/** Not a member of the escalation channel. */
const STRANGER = { id: 'U0STRANGER', name: 'stranger' };
const UK = APP_HOME_TEXTS.uk;
const EN = APP_HOME_TEXTS.en;

interface HomeBlock {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { action_id?: string; value?: string }[];
}
interface PublishedHome {
  user_id: string;
  view: { type: string; blocks: HomeBlock[] };
}

describe.each(slackTransports)(`Slack App Home for supervisors, over $name (${databaseKind})`, (transport) => {
  const clock = new ManualClock(new Date());
  let fake: FakeSlack;
  let slack: SlackDelivery;
  let app: SlackSupervisorsApp;
  let t: TestApp;
  let admin: ConsoleBrowser;
  let olena: { browser: ConsoleBrowser; id: string };
  let integration: Api;
  let n = 0;

  beforeAll(async () => {
    app = await startSlackSupervisorsApp(transport, { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, channel: CHANNEL, clock });
    ({ fake, slack, t, integration } = app);
    admin = await firstAdmin(t);
    olena = await invitedPerson(admin, { email: 'olena.koval@example.com', displayName: 'Olena Koval', role: 'supervisor', password: 'olena-password-long', locale: 'uk' });
    // Her Slack user is linked to her person by e-mail the first time she shows up in Slack.
    fake.userEmails.set(OLENA.id, 'olena.koval@example.com');
  });
  afterAll(() => app.close());

  const report = (overrides: Record<string, unknown> = {}) => integration.json<IncidentJson>('/api/v1/incidents', { body: incidentReport(overrides) });
  const detail = async (id: string) => (await admin.call<IncidentJson>(`/api/v1/incidents/${id}`)).body;
  const openHome = async (user: { id: string }, tab: 'home' | 'messages' = 'home') => {
    const res = await slack.deliver({ kind: 'event', callback: slackAppHomeOpened({ eventId: `EvHOME${++n}`, user: user.id, tab }) });
    expect(res.status).toBe(200);
  };
  const homeOf = (call: SlackCall) => call.args as unknown as PublishedHome;
  /** The first Home published for the user after the `since`-th one that satisfies `shows`. */
  const published = (user: { id: string }, since: number, shows: (json: string) => boolean) =>
    waitFor(() => fake.homes(user.id).slice(since).map(homeOf).find((home) => shows(JSON.stringify(home.view))), 15_000);
  const buttonsOf = (home: PublishedHome, incident: { id: string }) => home.view.blocks.find((b) => b.type === 'actions' && b.elements?.some((e) => e.value === incident.id));
  const pressOnHome = (user: { id: string; name: string }, incident: { id: string }, action: string, blockId: string) =>
    slack.deliver({
      kind: 'interaction',
      payload: {
          type: 'block_actions',
          user: { id: user.id, username: user.name, name: user.name, team_id: 'T061EG9R6' },
          api_app_id: 'A0PNCHHK2',
          team: { id: 'T061EG9R6', domain: 'example' },
          // A press on the Home: its container is the view, and Slack sends no channel nor response_url.
          container: { type: 'view', view_id: 'V0PNCHHK3' },
          view: { id: 'V0PNCHHK3', type: 'home', team_id: 'T061EG9R6', blocks: [] },
          trigger_id: `trigger-${++n}`,
          actions: [{ action_id: `incident.${action}`, block_id: blockId, value: incident.id, type: 'button', action_ts: `1700000100.${n}` }],
      },
    });

  it("shows a supervisor their open incidents and the unowned ones, with the message's buttons and no contact, in their language", async () => {
    const mine = await report({ reasonCode: 'waiting', text: 'Call me back at +380 67 765 43 21' });
    const taken = await olena.browser.call<IncidentJson>(`/api/v1/incidents/${mine.id}/owner`, { method: 'POST', body: { me: true } });
    expect(taken.status).toBe(200);
    const unowned = await report({ reasonCode: 'rude_staff' });
    const before = fake.homes(OLENA.id).length;

    await openHome(OLENA);

    const home = await published(OLENA, before, (json) => json.includes(`INC-${mine.number}*`) && json.includes(`INC-${unowned.number}*`));
    expect(home.view.type).toBe('home');
    const json = JSON.stringify(home.view);
    expect(json.indexOf(UK.mine)).toBeLessThan(json.indexOf(`INC-${mine.number}*`));
    expect(json.indexOf(`INC-${mine.number}*`)).toBeLessThan(json.indexOf(UK.unowned));
    expect(json.indexOf(UK.unowned)).toBeLessThan(json.indexOf(`INC-${unowned.number}*`));
    expect(json).toContain(`*INC-${mine.number}* · ${UK.priority[mine.priority]} · ${UK.status.new}`);
    expect(json).toContain(`${UK.reason}: waiting`);
    // The deadline reads in the viewer's time zone.
    expect(json).toContain(`<!date^${Math.floor(new Date(mine.acknowledgeBy).getTime() / 1000)}^`);
    for (const contact of ['+380', '765 43 21', '••• 21', 'Call me back']) expect(json).not.toContain(contact);
    expect(buttonsOf(home, mine)!.elements!.map((e) => e.action_id)).toEqual(['incident.acknowledge', 'incident.resolve', 'incident.reject', 'incident.escalate']);
    expect(buttonsOf(home, unowned)!.elements!.every((e) => e.value === unowned.id)).toBe(true);
  });

  it('acknowledges from the Home, and the Home is published again with the change; a stale press is told on the Home', async () => {
    const incident = await report({ reasonCode: 'queue' });
    const before = fake.homes(IRYNA.id).length;
    await openHome(IRYNA);
    const home = await published(IRYNA, before, (json) => json.includes(`INC-${incident.number}*`));
    expect(JSON.stringify(home.view)).toContain(EN.unowned);
    const blockId = buttonsOf(home, incident)!.block_id!;

    const pressed = fake.homes(IRYNA.id).length;
    expect((await pressOnHome(IRYNA, incident, 'acknowledge', blockId)).status).toBe(200);

    expect((await waitFor(async () => ((await detail(incident.id)).status === 'acknowledged' ? detail(incident.id) : undefined))).history.at(-1)).toMatchObject({
      action: 'acknowledge',
      actor: { kind: 'slack_user', id: IRYNA.id },
    });
    const refreshed = await published(IRYNA, pressed, (json) => json.includes(`*INC-${incident.number}* · ${EN.priority[incident.priority]} · ${EN.status.acknowledged}`));
    expect(buttonsOf(refreshed, incident)!.elements!.map((e) => e.action_id)).toEqual(['incident.resolve', 'incident.reject', 'incident.escalate']);
    // The channel's message changed as well: the Home and the message are two views of one incident.
    const message = await waitFor(() => fake.topLevel(CHANNEL).find((c) => String(c.args.text).startsWith(`INC-${incident.number} `)));
    // Its last rendering: the post, when the sender got to it only after the press, or the last update.
    await waitFor(() => (String((fake.updates(CHANNEL, message.ts!).at(-1) ?? message).args.text).includes('is acknowledged') ? true : undefined));

    // The same button again, drawn for the old version: nothing changes, and the Home says why.
    const stale = fake.homes(IRYNA.id).length;
    expect((await pressOnHome(IRYNA, incident, 'escalate', blockId)).status).toBe(200);
    const told = await published(IRYNA, stale, (json) => json.includes(':warning:'));
    expect(told.view.blocks[1].text!.text).toMatch(/^:warning: /);
    expect((await detail(incident.id)).escalationLevel).toBe(0);
  });

  it("publishes the Home again of the owner an incident is taken from in the console, without that incident", async () => {
    const incident = await report({ reasonCode: 'billing' });
    expect((await olena.browser.call(`/api/v1/incidents/${incident.id}/owner`, { method: 'POST', body: { me: true } })).status).toBe(200);
    // Olena's Slack user was linked to her person when she opened the Home: taking it shows it among hers.
    await published(OLENA, 0, (json) => json.indexOf(`INC-${incident.number}*`) > -1 && json.indexOf(`INC-${incident.number}*`) < json.indexOf(UK.unowned));
    const since = fake.homes(OLENA.id).length;

    // An admin gives it to nobody: the change concerns her, the owner before.
    expect((await admin.call(`/api/v1/incidents/${incident.id}/owner`, { method: 'POST', body: { personId: null } })).status).toBe(200);
    await published(OLENA, since, (json) => json.indexOf(`INC-${incident.number}*`) > json.indexOf(UK.unowned));
  });

  it('tells anyone else that the Home is for supervisors, and publishes nothing for the Messages tab', async () => {
    await openHome(STRANGER, 'messages');
    // The event is answered once its listener has finished: nothing was published for that tab.
    expect(fake.homes(STRANGER.id)).toHaveLength(0);

    await openHome(STRANGER);
    const [home] = fake.homes(STRANGER.id).map(homeOf);
    const json = JSON.stringify(home.view);
    expect(json).toContain(EN.notForYou);
    expect(json).not.toContain('INC-');
    expect(home.view.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});
