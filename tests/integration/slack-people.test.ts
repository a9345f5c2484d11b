import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SLACK_LINK_CODE_LIFETIME_MS, SLACK_LINK_FAILURES_PER_WINDOW, SLACK_LINK_WINDOW_MS } from '@turbota/people';
import { EMAIL_FAILURE_RETRY_MS, EMAIL_MISS_RETRY_MS } from '../../apps/bot/src/supervisors/slack-actors';
import { SLASH_COMMAND_TEXTS } from '../../apps/bot/src/supervisors/slash-command-texts';
import { Api, type IncidentJson, incidentReport } from '../support/incidents-api';
import type { FakeSlack } from '../support/fake-slack';
import { ManualClock } from '../support/manual-clock';
import { ConsoleBrowser, firstAdmin, invitedPerson } from '../support/people';
import type { TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { type SlackSupervisorsApp, startSlackSupervisorsApp } from '../support/slack-supervisors-app';
import { type SlackDelivery, type SlackRequest, slackTransports } from '../support/slack-transports';

jest.setTimeout(90_000);

const BOT_TOKEN = 'xoxb-0000-slack-people';
const SIGNING_SECRET = 'slack-people-signing-secret-0123';
const CHANNEL = 'C0PEOPLE';

interface SlackUser {
  id: string;
  name: string;
}

interface SlackLinkCodeJson {
  code: string;
  command: string;
  expiresAt: string;
}

const EN = SLASH_COMMAND_TEXTS.en;

describe.each(slackTransports)(`Slack users linked to people, over $name (${databaseKind})`, (transport) => {
  const clock = new ManualClock(new Date());
  let fake: FakeSlack;
  let slack: SlackDelivery;
  let app: SlackSupervisorsApp;
  let t: TestApp;
  let db: DataSource;
  let admin: ConsoleBrowser;
  let integration: Api;
  let n = 0;

  beforeAll(async () => {
    app = await startSlackSupervisorsApp(transport, { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, channel: CHANNEL, clock });
    ({ fake, slack, t, integration } = app);
    db = t.app.get(DataSource);
    admin = await firstAdmin(t);
  });
  afterAll(() => app.close());

  const post = async (request: SlackRequest) => {
    const res = await slack.deliver(request);
    expect(res.status).toBe(200);
    return res.body as Record<string, unknown>;
  };
  const press = (user: SlackUser, incident: { id: string; version: number }, action: string) =>
    post({
      kind: 'interaction',
      payload: {
        type: 'block_actions',
        user: { ...user, username: user.name },
        trigger_id: `trigger-${++n}`,
        channel: { id: CHANNEL },
        response_url: fake.responseUrl(`r${n}`),
        actions: [{ action_id: `incident.${action}`, block_id: `incident:v${incident.version}`, value: incident.id, type: 'button' }],
      },
    });
  const report = (overrides: Record<string, unknown> = {}) => integration.json<IncidentJson>('/api/v1/incidents', { body: incidentReport(overrides) });
  const detail = async (id: string) => (await admin.call<IncidentJson>(`/api/v1/incidents/${id}`)).body;
  /** Reports an incident and acknowledges it from Slack as the user; answers the history line that records it. */
  const acknowledgeAs = async (user: SlackUser) => {
    const incident = await report();
    await press(user, incident, 'acknowledge');
    const after = await detail(incident.id);
    expect(after.status).toBe('acknowledged');
    return { incident: after, entry: after.history.at(-1)! };
  };
  const emailLookups = (userId: string) => fake.callsOf('users.info').filter((c) => c.args.user === userId).length;
  const slackUserIdOf = async (personId: string) => (await db.query<{ slack_user_id: string | null }[]>(`SELECT slack_user_id FROM person WHERE id = $1`, [personId]))[0].slack_user_id;
  /** What Slack shows the Slack user who types `/turbota <text>`. */
  const slash = async (userId: string, text: string) => String((await post({ kind: 'command', fields: { command: '/turbota', text, user_id: userId } })).text);
  const linkCodeOf = async (person: { browser: ConsoleBrowser }) => {
    const answer = await person.browser.call<SlackLinkCodeJson>('/api/v1/me/slack-link', { method: 'POST' });
    expect(answer.status).toBe(201);
    return answer.body;
  };
  /** The person asks the console for a code and types its command in Slack as the Slack user. */
  const linkInSlack = async (person: { browser: ConsoleBrowser }, userId: string) => {
    const { command } = await linkCodeOf(person);
    return slash(userId, command.replace(/^\/turbota /, ''));
  };
  const threadOf = (incident: { number: number }, expected: string) =>
    waitFor(() => {
      const message = fake.topLevel(CHANNEL).find((c) => String(c.args.text).startsWith(`INC-${incident.number} `));
      const lines = message ? fake.thread(CHANNEL, message.ts!).map((c) => String(c.args.text)) : [];
      return lines.some((line) => line.includes(expected)) ? lines : undefined;
    }, 15_000);

  it("links a Slack user to the active person with that e-mail on their first action, asking Slack once, so Slack and the console read as one actor", async () => {
    const olena = await invitedPerson(admin, { email: 'olena.koval@example.com', displayName: 'Olena Koval', role: 'supervisor', password: 'olena-password-long' });
    const user = { id: 'U0OLENA', name: 'olena.k' };
    fake.userEmails.set(user.id, 'Olena.Koval@Example.COM');

    const { incident, entry } = await acknowledgeAs(user);
    expect(entry).toMatchObject({ action: 'acknowledge', actor: { kind: 'person', id: olena.id, name: 'Olena Koval' } });
    expect(await slackUserIdOf(olena.id)).toBe(user.id);
    expect((await olena.browser.call('/api/v1/me')).body).toMatchObject({ slackUserId: user.id });
    expect(await threadOf(incident, 'acknowledged')).toContain('Olena Koval — *acknowledged* (new → acknowledged)');

    await press(user, incident, 'escalate');
    const inConsole = await olena.browser.call<IncidentJson>(`/api/v1/incidents/${incident.id}/transitions`, { method: 'POST', body: { action: 'start' } });
    const [escalated, started] = inConsole.body.history.slice(-2);
    expect([escalated.action, started.action]).toEqual(['escalate', 'start']);
    expect(escalated.actor).toEqual(started.actor);
    expect(emailLookups(user.id)).toBe(1);
    expect(t.logs.text()).not.toMatch(/olena\.koval@example\.com/i);
  });

  it('leaves a Slack user no person matches a Slack user, asking again only after a while', async () => {
    const user = { id: 'U0IRYNA', name: 'iryna.s' };
    fake.userEmails.set(user.id, 'iryna@example.com');
    // Invited but not yet active: not someone to act as.
    const invited = await admin.call('/api/v1/users', { method: 'POST', body: { email: 'iryna@example.com', displayName: 'Iryna Shevchenko', role: 'supervisor' } });
    expect((await acknowledgeAs(user)).entry.actor).toEqual({ kind: 'slack_user', id: user.id, name: user.name });
    expect((await acknowledgeAs(user)).entry.actor.kind).toBe('slack_user');
    expect(emailLookups(user.id)).toBe(1);

    const accepted = await admin.call(`/api/v1/users/${invited.body.user!.id}/invitation`, { method: 'POST' });
    const token = accepted.body.inviteUrl!.split('/').pop()!;
    expect((await new ConsoleBrowser(t.url).call(`/api/v1/auth/invitations/${token}`, { method: 'POST', body: { password: 'iryna-password-long' } })).status).toBe(201);
    clock.advance(EMAIL_MISS_RETRY_MS / 60_000 + 1);
    expect((await acknowledgeAs(user)).entry.actor).toEqual({ kind: 'person', id: invited.body.user!.id, name: 'Iryna Shevchenko' });
    expect(emailLookups(user.id)).toBe(2);
  });

  it('never lets a failing users.info block the action, and asks again a minute later', async () => {
    const user = { id: 'U0FUZZ', name: 'fuzz' };
    fake.userEmails.set(user.id, 'fuzz@example.com');
    fake.failing.add('users.info');
    try {
      expect((await acknowledgeAs(user)).entry.actor).toEqual({ kind: 'slack_user', id: user.id, name: user.name });
    } finally {
      fake.failing.delete('users.info');
    }
    expect(t.logs.text()).toMatch(/users:read\.email/);
    await acknowledgeAs(user);
    expect(emailLookups(user.id)).toBe(1);
    clock.advance(EMAIL_FAILURE_RETRY_MS / 60_000 + 1);
    await acknowledgeAs(user);
    expect(emailLookups(user.id)).toBe(2);
    expect(t.logs.text()).not.toContain('fuzz@example.com');
  });

  it('links the Slack user who types the one-time code a person got in the console, once, and lets them unlink it', async () => {
    const taras = await invitedPerson(admin, { email: 'taras@example.com', displayName: 'Taras Melnyk', role: 'supervisor', password: 'taras-password-long' });
    const user = { id: 'U0FUZZ1', name: 'taras.m' };

    const issued = await linkCodeOf(taras);
    expect(issued.code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(issued.command).toBe(`/turbota link ${issued.code}`);
    expect(new Date(issued.expiresAt).getTime() - clock.now().getTime()).toBeGreaterThan(SLACK_LINK_CODE_LIFETIME_MS - 60_000);
    expect(new Date(issued.expiresAt).getTime() - clock.now().getTime()).toBeLessThanOrEqual(SLACK_LINK_CODE_LIFETIME_MS);
    // Only its SHA-256 is kept.
    const stored = await db.query<{ code_hash: Buffer }[]>(`SELECT code_hash FROM slack_link_code WHERE person_id = $1`, [taras.id]);
    expect(stored.map((row) => Buffer.from(row.code_hash).toString('hex'))).toEqual([createHash('sha256').update(issued.code.replace('-', '')).digest('hex')]);

    // A new code replaces the old one.
    const replacing = await linkCodeOf(taras);
    expect(await slash(user.id, `link ${issued.code}`)).toBe(EN.linkCodeRefused);
    expect(await slackUserIdOf(taras.id)).toBeNull();

    // Typed as it comes to mind: lower case, no dash.
    expect(await slash(user.id, `link ${replacing.code.replace('-', '').toLowerCase()}`)).toBe(EN.linked('Taras Melnyk'));
    expect((await taras.browser.call('/api/v1/me')).body).toMatchObject({ slackUserId: user.id });
    expect((await db.query<unknown[]>(`SELECT 1 FROM slack_link_code WHERE person_id = $1`, [taras.id])).length).toBe(0);
    // Used up: another Slack user cannot take it over with the same code.
    expect(await slash('U0FUZZ2', replacing.command.replace(/^\/turbota /, ''))).toBe(EN.linkCodeRefused);
    expect(await slackUserIdOf(taras.id)).toBe(user.id);

    // The buttons and the modals act as Taras now.
    const { incident, entry } = await acknowledgeAs(user);
    expect(entry.actor).toEqual({ kind: 'person', id: taras.id, name: 'Taras Melnyk' });
    await press(user, incident, 'reject');
    const view = (await waitFor(() => fake.views().find((c) => c.args.trigger_id === `trigger-${n}`))).args.view as { callback_id: string; private_metadata: string };
    const submitted = await post({
      kind: 'interaction',
      payload: { type: 'view_submission', user: { ...user, username: user.name }, view: { ...view, state: { values: { note: { note: { type: 'plain_text_input', value: 'Not our branch' } } } } } },
    });
    expect(submitted).toEqual({});
    expect((await detail(incident.id)).history.at(-1)).toMatchObject({ action: 'reject', actor: { kind: 'person', id: taras.id } });

    expect((await taras.browser.call('/api/v1/me/slack', { method: 'DELETE' })).status).toBe(204);
    expect((await taras.browser.call('/api/v1/me')).body).toMatchObject({ slackUserId: null });
    expect((await acknowledgeAs(user)).entry.actor.kind).toBe('slack_user');
  });

  it('refuses a code past its 10 minutes', async () => {
    const petro = await invitedPerson(admin, { email: 'petro@example.com', displayName: 'Petro Late', role: 'viewer', password: 'petro-password-long' });
    const { code } = await linkCodeOf(petro);
    clock.advance(SLACK_LINK_CODE_LIFETIME_MS / 60_000 + 1);
    expect(await slash('U0FUZZ6', `link ${code}`)).toBe(EN.linkCodeRefused);
    expect(await slackUserIdOf(petro.id)).toBeNull();
  });

  it("refuses a Slack user another person holds, keeping the code, and an admin's link too", async () => {
    const vira = await invitedPerson(admin, { email: 'vira@example.com', displayName: 'Vira Viewer', role: 'viewer', password: 'vira-password-long' });
    const mykola = await invitedPerson(admin, { email: 'mykola@example.com', displayName: 'Mykola Holder', role: 'supervisor', password: 'mykola-password-long' });
    expect(await linkInSlack(mykola, 'U0FUZZ7')).toBe(EN.linked('Mykola Holder'));

    const { code } = await linkCodeOf(vira);
    expect(await slash('U0FUZZ7', `link ${code}`)).toBe(EN.linkTaken);
    expect([await slackUserIdOf(vira.id), await slackUserIdOf(mykola.id)]).toEqual([null, 'U0FUZZ7']);
    expect((await admin.call(`/api/v1/users/${vira.id}`, { method: 'PATCH', body: { slackUserId: 'U0FUZZ7' } })).status).toBe(409);
    // The code was right, so it is still there for a Slack user Vira does control.
    expect(await slash('U0FUZZ8', `link ${code}`)).toBe(EN.linked('Vira Viewer'));
    expect(await slackUserIdOf(vira.id)).toBe('U0FUZZ8');

    // Admins are trusted to set it for a person, and to clear it.
    const set = await admin.call(`/api/v1/users/${vira.id}`, { method: 'PATCH', body: { slackUserId: 'U0FUZZ11' } });
    expect([set.status, (set.body as { slackUserId?: string }).slackUserId]).toEqual([200, 'U0FUZZ11']);
    const cleared = await admin.call(`/api/v1/users/${vira.id}`, { method: 'PATCH', body: { slackUserId: null } });
    expect([cleared.status, (cleared.body as { slackUserId?: string | null }).slackUserId]).toEqual([200, null]);
  });

  it('refuses every code from a Slack user who sent too many wrong ones, for ten minutes', async () => {
    const guesser = 'U0FUZZ9';
    const target = await invitedPerson(admin, { email: 'target@example.com', displayName: 'Target Person', role: 'supervisor', password: 'target-password-long' });
    for (let i = 0; i < SLACK_LINK_FAILURES_PER_WINDOW; i++) expect(await slash(guesser, `link ABCD-${2345 + i}`)).toBe(EN.linkCodeRefused);
    // Even the right code is refused now, and not used up.
    const { code } = await linkCodeOf(target);
    expect(await slash(guesser, `link ${code}`)).toBe(EN.linkThrottled(SLACK_LINK_WINDOW_MS / 60_000));
    expect(await slash(guesser, 'link not-even-a-code')).toMatch(/^Too many wrong codes/);
    expect(await slackUserIdOf(target.id)).toBeNull();
    // Another Slack user is not held back by it.
    expect(await slash('U0FUZZ12', `link ${code}`)).toBe(EN.linked('Target Person'));

    clock.advance(SLACK_LINK_WINDOW_MS / 60_000 + 1);
    const again = await invitedPerson(admin, { email: 'guesser@example.com', displayName: 'Guesser Self', role: 'supervisor', password: 'guesser-password-long' });
    expect(await linkInSlack(again, guesser)).toBe(EN.linked('Guesser Self'));
  });

  it('links only by a code: PUT /api/v1/me/slack is gone, and an API key gets no code', async () => {
    const olha = await invitedPerson(admin, { email: 'olha@example.com', displayName: 'Olha Claimer', role: 'supervisor', password: 'olha-password-long' });
    const claimed = await olha.browser.call('/api/v1/me/slack', { method: 'PUT', body: { slackUserId: 'U0FUZZ13' } });
    expect([404, 405]).toContain(claimed.status);
    expect(await slackUserIdOf(olha.id)).toBeNull();
    const keyed = await new Api(t.url).call('/api/v1/me/slack-link', { method: 'POST' });
    expect([keyed.status, ((await keyed.json()) as { message?: string }).message]).toEqual([400, expect.stringMatching(/API key is no person/)]);
    expect((await new Api(t.url).call('/api/v1/me/slack', { method: 'DELETE' })).status).toBe(400);
    expect((await fetch(`${t.url}/api/v1/me/slack-link`, { method: 'POST' })).status).toBe(401);
  });

  it("stops acting as a deactivated person: their Slack user is a Slack user again", async () => {
    const hanna = await invitedPerson(admin, { email: 'hanna@example.com', displayName: 'Hanna Leaving', role: 'supervisor', password: 'hanna-password-long' });
    const user = { id: 'U0FUZZ3', name: 'hanna' };
    expect(await linkInSlack(hanna, user.id)).toBe(EN.linked('Hanna Leaving'));
    expect((await acknowledgeAs(user)).entry.actor).toMatchObject({ kind: 'person', id: hanna.id });
    expect((await admin.call(`/api/v1/users/${hanna.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await acknowledgeAs(user)).entry.actor).toEqual({ kind: 'slack_user', id: user.id, name: user.name });
  });

  it("answers the slash command with the standard's tasks in the linked person's language, else in DEFAULT_LOCALE", async () => {
    const keys = new Api(t.url);
    const standard = await keys.as(await keys.key('viewer', 'Reader')).json<{ events: Record<string, { tasks: Record<string, string>[] }> }>('/api/v1/standard');
    const roman = await invitedPerson(admin, { email: 'roman@example.com', displayName: 'Roman', role: 'supervisor', password: 'roman-password-long', locale: 'ru' });
    expect(await linkInSlack(roman, 'U0FUZZ4')).toBe(SLASH_COMMAND_TEXTS.ru.linked('Roman'));
    // Linked, the refusals come in the person's language too; nobody's, in DEFAULT_LOCALE.
    expect(await slash('U0FUZZ4', 'link ABCD-2345')).toBe(SLASH_COMMAND_TEXTS.ru.linkCodeRefused);
    expect(await slash('U0FUZZ5', 'link ABCD-2345')).toBe(EN.linkCodeRefused);
    const incident = await report({ locale: 'uk' });
    const tasks = (locale: string) => standard.events[incident.nextSteps.event].tasks.map((task) => task[locale]);
    const lookUp = async (userId: string) => JSON.stringify(await post({ kind: 'command', fields: { command: '/turbota', text: `INC-${incident.number}`, user_id: userId } }));

    const forRoman = await lookUp('U0FUZZ4');
    for (const task of tasks('ru')) expect(forRoman).toContain(`• ${task}`);
    const forSomeoneElse = await lookUp('U0FUZZ5');
    for (const task of tasks('en')) expect(forSomeoneElse).toContain(`• ${task}`);
    expect(forSomeoneElse).not.toContain(tasks('ru')[0]);
  });
});
