import { existsSync, statSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { setupLinkFile } from '@turbota/people';
import type { DatabaseHandle } from '@turbota/persistence';
import { FakeSlack } from '../support/fake-slack';
import { Api, type IncidentJson, incidentReport, type ProblemJson } from '../support/incidents-api';
import { ManualClock } from '../support/manual-clock';
import { ADMIN, ConsoleBrowser, firstAdmin, invitedPerson, MailCatcher, setupLinkOf } from '../support/people';
import { bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

jest.setTimeout(60_000);

const SUPERVISOR = { email: 'sofia@example.com', displayName: 'Sofia Supervisor', role: 'supervisor', password: 'sofia-password-long', locale: 'en' };
const VIEWER = { email: 'viktor@example.com', displayName: 'Viktor Viewer', role: 'viewer', password: 'viktor-password-long' };
const NO_INCIDENT = '00000000-0000-4000-8000-000000000000';

describe(`people and sign-in (${databaseKind})`, () => {
  let t: TestApp;
  let mail: MailCatcher;
  const clock = new ManualClock(new Date());
  let admin: ConsoleBrowser;

  beforeAll(async () => {
    mail = new MailCatcher();
    const smtpUrl = await mail.start();
    t = await startTestApp({ clock, env: { TRUST_PROXY: 'loopback', SMTP_URL: smtpUrl, MAIL_FROM: 'Turbota <turbota@example.com>', DEFAULT_LOCALE: 'uk' } });
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
  });

  const key = (role: string) => createKey(t, role);

  it('on a fresh install writes a one-time setup link to DATA_DIR/setup-url (owner only) and to the log', async () => {
    const file = setupLinkFile(t.app.get<AppConfig>(APP_CONFIG).dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { link, token } = setupLinkOf(t);
    expect(link).toMatch(/^http:\/\/localhost:3000\/console\/setup\/[A-Za-z0-9_-]{43}$/);
    expect(t.logs.entries().filter((e) => String(e.msg).includes(token)).map((e) => e.msg)).toEqual([
      `No one can sign in to the console yet: open ${link} to create the first admin (the link is also in ${file}; it works once)`,
    ]);
    expect((await new ConsoleBrowser(t.url).call('/api/v1/auth/setup')).body).toEqual({ needed: true });
  });

  it('refuses a wrong setup token and a password equal to the e-mail, then creates the first admin with the right one', async () => {
    const browser = new ConsoleBrowser(t.url, { address: '10.0.0.1' });
    const wrong = await browser.call('/api/v1/auth/setup', { method: 'POST', body: { ...ADMIN, token: 'not-the-token' } });
    expect([wrong.status, wrong.body.message]).toEqual([403, expect.stringMatching(/setup link is wrong/)]);
    const same = await browser.call('/api/v1/auth/setup', { method: 'POST', body: { ...ADMIN, token: setupLinkOf(t).token, password: ADMIN.email.toUpperCase() } });
    expect([same.status, same.body.message]).toEqual([400, 'password: must not be the e-mail address']);
    expect(browser.cookie).toBeUndefined();

    admin = await firstAdmin(t);
    const me = await admin.call('/api/v1/me');
    expect(me.body).toEqual({ kind: 'person', id: expect.any(String) as string, email: ADMIN.email, displayName: ADMIN.displayName, role: 'admin', locale: null, slackUserId: null });
    expect(existsSync(setupLinkFile(t.app.get<AppConfig>(APP_CONFIG).dataDir))).toBe(false);
    expect((await browser.call('/api/v1/auth/setup')).body).toEqual({ needed: false });
    // The link is spent, and no second admin can be made with any token.
    const again = await browser.call('/api/v1/auth/setup', { method: 'POST', body: { ...ADMIN, email: 'second@example.com', token: 'x' } });
    expect([again.status, again.body.message]).toEqual([403, 'The first admin exists already: sign in instead']);
  });

  it('lets the admin invite a supervisor who accepts, signs in and sees who they are; the invitation is e-mailed in their language', async () => {
    const invited = await admin.call('/api/v1/users', { method: 'POST', body: { email: 'Sofia@Example.com', displayName: SUPERVISOR.displayName, role: 'supervisor', locale: 'en' } });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ user: { email: SUPERVISOR.email, role: 'supervisor', status: 'invited', lastSignInAt: null }, emailed: true });
    const inviteUrl = invited.body.inviteUrl as string;
    expect(inviteUrl).toMatch(new RegExp(`^${t.url}/console/invite/[A-Za-z0-9_-]{43}$`));
    const token = inviteUrl.split('/').pop()!;

    const [letter] = await waitFor(() => (mail.to(SUPERVISOR.email).length ? mail.to(SUPERVISOR.email) : undefined));
    expect(letter.subject).toBe('Your invitation to the Turbota console');
    expect(letter.text).toContain(inviteUrl);
    expect(letter.text).toContain('as supervisor');

    const stranger = new ConsoleBrowser(t.url, { address: '10.0.0.2' });
    const shown = await stranger.call(`/api/v1/auth/invitations/${token}`);
    expect(shown.body).toEqual({ email: SUPERVISOR.email, displayName: SUPERVISOR.displayName, role: 'supervisor', expiresAt: invited.body.expiresAt });
    expect(new Date(invited.body.expiresAt as string).getTime() - clock.now().getTime()).toBeGreaterThan(71.9 * 3_600_000);
    const weak = await stranger.call(`/api/v1/auth/invitations/${token}`, { method: 'POST', body: { password: 'short' } });
    expect(weak.status).toBe(400);
    const accepted = await stranger.call(`/api/v1/auth/invitations/${token}`, { method: 'POST', body: { password: SUPERVISOR.password } });
    expect([accepted.status, accepted.body.role, accepted.body.locale]).toEqual([201, 'supervisor', 'en']);
    expect((await stranger.call('/api/v1/me')).body).toMatchObject({ kind: 'person', email: SUPERVISOR.email, role: 'supervisor' });
    expect((await stranger.call(`/api/v1/auth/invitations/${token}`)).status).toBe(410);
    expect((await stranger.call(`/api/v1/auth/invitations/${token}`, { method: 'POST', body: { password: SUPERVISOR.password } })).status).toBe(410);
    expect((await stranger.call('/api/v1/auth/invitations/never-issued')).status).toBe(404);

    const browser = new ConsoleBrowser(t.url, { address: '10.0.0.3' });
    const signedIn = await browser.call('/api/v1/auth/login', { method: 'POST', body: { email: 'SOFIA@example.com', password: SUPERVISOR.password } });
    expect([signedIn.status, signedIn.body.email]).toEqual([200, SUPERVISOR.email]);
    expect(browser.cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await browser.call('/api/v1/me')).body.role).toBe('supervisor');

    const listed = await admin.call<{ email: string; status: string }[]>('/api/v1/users');
    expect(listed.body.map((u) => `${u.email} ${u.status}`)).toEqual([`${ADMIN.email} active`, `${SUPERVISOR.email} active`]);
    expect((await admin.call('/api/v1/users', { method: 'POST', body: { email: 'SOFIA@EXAMPLE.COM', displayName: 'Again', role: 'viewer' } })).status).toBe(409);
  });

  it("gives a person's cookie exactly what an API key of the same role gets", async () => {
    const viewer = (await invitedPerson(admin, VIEWER)).browser;
    const supervisor = new ConsoleBrowser(t.url);
    await supervisor.call('/api/v1/auth/login', { method: 'POST', body: { email: SUPERVISOR.email, password: SUPERVISOR.password } });
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/v1/incidents'],
      ['POST', `/api/v1/incidents/${NO_INCIDENT}/transitions`, { action: 'acknowledge' }],
      ['GET', '/api/v1/reports/summary'],
      ['GET', '/api/v1/api-keys'],
      ['POST', '/api/v1/points', { code: 'matrix-point', name: 'Matrix' }],
      ['GET', '/api/v1/users'],
      ['GET', '/api/v1/me'],
    ];
    const statuses = async (call: (method: string, path: string, body?: unknown) => Promise<number>) => {
      const answers: string[] = [];
      for (const [method, path, body] of routes) answers.push(`${method} ${path}: ${await call(method, path, body)}`);
      return answers;
    };
    for (const [role, browser] of [['viewer', viewer], ['supervisor', supervisor]] as const) {
      const apiKey = await key(role);
      const byKey = await statuses(async (method, path, body) => (await fetch(`${t.url}${path}`, { method, headers: { 'Content-Type': 'application/json', ...bearer(apiKey) }, body: body === undefined ? undefined : JSON.stringify(body) })).status);
      const byCookie = await statuses(async (method, path, body) => (await browser.call(path, { method, body })).status);
      expect(byCookie).toEqual(byKey);
      expect(byCookie.filter((s) => s.endsWith(': 403')).length).toBeGreaterThan(1);
    }
    const refused = await viewer.call(`/api/v1/incidents/${NO_INCIDENT}/transitions`, { method: 'POST', body: { action: 'acknowledge' } });
    expect(refused.body.message).toBe('This endpoint needs the role supervisor; your account has the role viewer');
  });

  it('ends a deactivated person\'s session at once, and keeps the last active admin', async () => {
    const { browser, id } = await invitedPerson(admin, { email: 'dana@example.com', displayName: 'Dana', role: 'supervisor', password: 'dana-password-long' });
    expect((await browser.call('/api/v1/incidents')).status).toBe(200);
    expect((await admin.call(`/api/v1/users/${id}`, { method: 'DELETE' })).status).toBe(204);
    const after = await browser.call('/api/v1/incidents');
    expect([after.status, after.body.message]).toEqual([401, 'Your session has ended: sign in again']);
    const again = await new ConsoleBrowser(t.url).call('/api/v1/auth/login', { method: 'POST', body: { email: 'dana@example.com', password: 'dana-password-long' } });
    expect([again.status, again.body.message]).toEqual([401, 'The e-mail or the password is wrong']);
    expect((await admin.call(`/api/v1/users/${id}`)).body.status).toBe('deactivated');

    const adminId = (await admin.call('/api/v1/me')).body.id as string;
    const demote = await admin.call(`/api/v1/users/${adminId}`, { method: 'PATCH', body: { role: 'viewer' } });
    expect([demote.status, demote.body.message]).toEqual([409, expect.stringMatching(/last active admin/)]);
    expect((await admin.call(`/api/v1/users/${adminId}`, { method: 'DELETE' })).status).toBe(409);
    const renamed = await admin.call(`/api/v1/users/${adminId}`, { method: 'PATCH', body: { displayName: 'Ada A.' } });
    expect([renamed.status, renamed.body.displayName, renamed.body.role]).toEqual([200, 'Ada A.', 'admin']);
  });

  it('signs out of one session, and out of every session', async () => {
    const signIn = async () => {
      const browser = new ConsoleBrowser(t.url);
      expect((await browser.call('/api/v1/auth/login', { method: 'POST', body: { email: SUPERVISOR.email, password: SUPERVISOR.password } })).status).toBe(200);
      return browser;
    };
    const [first, second, third] = [await signIn(), await signIn(), await signIn()];
    const out = await first.call('/api/v1/auth/logout', { method: 'POST' });
    expect(out.status).toBe(204);
    expect(first.cookie).toBeUndefined(); // the answer cleared it
    const stale = first.copy();
    stale.cookie = second.cookie;
    expect((await second.call('/api/v1/me')).status).toBe(200);

    expect((await second.call('/api/v1/auth/logout-all', { method: 'POST' })).status).toBe(204);
    for (const browser of [second, third, stale]) expect((await browser.call('/api/v1/me')).status).toBe(401);
    const byKey = await fetch(`${t.url}/api/v1/auth/logout-all`, { method: 'POST', headers: bearer(TEST_ADMIN_KEY) });
    expect(byKey.status).toBe(409);
  });

  it('resets a forgotten password by an e-mailed link, in the person\'s language, and ends every session', async () => {
    const { browser, id } = await invitedPerson(admin, { email: 'petro@example.com', displayName: 'Petro', role: 'viewer', password: 'petro-password-long' });
    const other = browser.copy();
    const requester = new ConsoleBrowser(t.url, { address: '10.0.0.4' });
    const asked = await requester.call('/api/v1/auth/password-reset', { method: 'POST', body: { email: 'Petro@example.com' } });
    const unknown = await requester.call('/api/v1/auth/password-reset', { method: 'POST', body: { email: 'nobody@example.com' } });
    expect([asked.status, unknown.status]).toEqual([202, 202]);
    expect(unknown.body).toEqual(asked.body);

    const [letter] = await waitFor(() => (mail.to('petro@example.com').some((m) => m.subject?.includes('пароль')) ? mail.to('petro@example.com').filter((m) => m.subject?.includes('пароль')) : undefined));
    expect(letter.subject).toBe('Новий пароль для консолі Turbota'); // no language of their own: DEFAULT_LOCALE
    const link = /https?:\/\/\S+\/console\/reset\/([A-Za-z0-9_-]{43})/.exec(letter.text ?? '')!;
    expect(link[0].startsWith(t.url)).toBe(true);
    expect(mail.to('nobody@example.com')).toEqual([]);

    expect((await requester.call(`/api/v1/auth/password-reset/${link[1]}`)).body).toEqual({ email: 'petro@example.com' });
    const same = await requester.call(`/api/v1/auth/password-reset/${link[1]}`, { method: 'POST', body: { password: 'petro@example.com' } });
    expect(same.status).toBe(400);
    expect((await requester.call(`/api/v1/auth/password-reset/${link[1]}`, { method: 'POST', body: { password: 'petro-new-password' } })).status).toBe(204);
    for (const b of [browser, other]) expect((await b.call('/api/v1/me')).status).toBe(401);
    expect((await requester.call(`/api/v1/auth/password-reset/${link[1]}`, { method: 'POST', body: { password: 'petro-third-password' } })).status).toBe(410);
    const old = await new ConsoleBrowser(t.url).call('/api/v1/auth/login', { method: 'POST', body: { email: 'petro@example.com', password: 'petro-password-long' } });
    expect(old.status).toBe(401);
    const renewed = await new ConsoleBrowser(t.url).call('/api/v1/auth/login', { method: 'POST', body: { email: 'petro@example.com', password: 'petro-new-password' } });
    expect([renewed.status, renewed.body.id]).toEqual([200, id]);
  });

  it('gives an unknown e-mail and a wrong password the same answer after the same work', async () => {
    const browser = new ConsoleBrowser(t.url, { address: '10.0.0.5' });
    const timed = async (email: string) => {
      const started = performance.now();
      const answer = await browser.call('/api/v1/auth/login', { method: 'POST', body: { email, password: 'not-the-password' } });
      return { answer: { status: answer.status, body: answer.body as unknown }, ms: performance.now() - started };
    };
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      const [a, b] = [await timed(SUPERVISOR.email), await timed(`nobody-${i}@example.com`)];
      expect(b.answer).toEqual(a.answer);
      expect(a.answer).toEqual({ status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'The e-mail or the password is wrong' } });
      wrong.push(a.ms);
      unknown.push(b.ms);
    }
    // Both check one argon2id hash (the unknown e-mail a decoy): neither is much faster.
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[2];
    expect(median(unknown) / median(wrong)).toBeGreaterThan(0.4);
  });

  it('throttles failed sign-ins per account and per client address with 429 and Retry-After, known e-mail or not', async () => {
    const browser = new ConsoleBrowser(t.url, { address: '10.0.1.1' });
    const login = (email: string, password = 'wrong-password-here') => browser.call('/api/v1/auth/login', { method: 'POST', body: { email, password } });
    for (const email of [VIEWER.email, 'ghost@example.com']) {
      for (let i = 0; i < 10; i++) expect((await login(email)).status).toBe(401);
      const throttled = await login(email);
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      expect(Number(throttled.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    }
    // The account stays closed even to its password, from anywhere; other accounts are open.
    expect((await new ConsoleBrowser(t.url, { address: '10.0.1.2' }).call('/api/v1/auth/login', { method: 'POST', body: { email: VIEWER.email, password: VIEWER.password } })).status).toBe(429);
    expect((await login(SUPERVISOR.email, SUPERVISOR.password)).status).toBe(200);

    const flood = new ConsoleBrowser(t.url, { address: '10.0.1.3' });
    for (let i = 0; i < 30; i++) expect((await flood.call('/api/v1/auth/login', { method: 'POST', body: { email: `user-${i}@example.com`, password: 'wrong-password-here' } })).status).toBe(401);
    for (const path of ['/api/v1/auth/setup', '/api/v1/auth/invitations/whatever']) expect((await flood.call(path)).status).toBe(429);
    const closed = await flood.call('/api/v1/auth/login', { method: 'POST', body: { email: SUPERVISOR.email, password: SUPERVISOR.password } });
    expect([closed.status, closed.body.retryAfterSeconds! > 0]).toEqual([429, true]);

    clock.advance(16);
    expect((await flood.call('/api/v1/auth/login', { method: 'POST', body: { email: SUPERVISOR.email, password: SUPERVISOR.password } })).status).toBe(200);
    expect((await login(VIEWER.email, VIEWER.password)).status).toBe(200);
  });

  it('lets an invitation expire after 72 hours; a new one replaces it', async () => {
    const invited = await admin.call('/api/v1/users', { method: 'POST', body: { email: 'late@example.com', displayName: 'Late', role: 'viewer' } });
    const token = (invited.body.inviteUrl as string).split('/').pop()!;
    const browser = new ConsoleBrowser(t.url, { address: '10.0.2.1' });
    clock.advance(71 * 60);
    expect((await browser.call(`/api/v1/auth/invitations/${token}`)).status).toBe(200);
    clock.advance(61);
    expect((await browser.call(`/api/v1/auth/invitations/${token}`)).status).toBe(410);
    expect((await browser.call(`/api/v1/auth/invitations/${token}`, { method: 'POST', body: { password: 'late-password-long' } })).status).toBe(410);

    const keyed = await fetch(`${t.url}/api/v1/users/${invited.body.user!.id}/invitation`, { method: 'POST', headers: bearer(TEST_ADMIN_KEY) });
    expect(keyed.status).toBe(201);
    const renewed = (await keyed.json()) as { inviteUrl: string; emailed: boolean };
    expect(renewed.emailed).toBe(true);
    expect((await browser.call(`/api/v1/auth/invitations/${token}`)).status).toBe(404);
    const accepted = await browser.call(`/api/v1/auth/invitations/${renewed.inviteUrl.split('/').pop()}`, { method: 'POST', body: { password: 'late-password-long' } });
    expect(accepted.status).toBe(201);
    const again = await fetch(`${t.url}/api/v1/users/${invited.body.user!.id}/invitation`, { method: 'POST', headers: bearer(TEST_ADMIN_KEY) });
    expect(again.status).toBe(409);
  });

  it('ends a session unused for SESSION_IDLE_HOURS, and any session after SESSION_MAX_DAYS', async () => {
    const signIn = async () => {
      const browser = new ConsoleBrowser(t.url);
      expect((await browser.call('/api/v1/auth/login', { method: 'POST', body: { email: SUPERVISOR.email, password: SUPERVISOR.password } })).status).toBe(200);
      return browser;
    };
    const busy = await signIn();
    // Used every 11 hours, it lives 7 days: 15 x 11 h = 165 h, and not 176 h.
    for (let i = 0; i < 15; i++) {
      clock.advance(11 * 60);
      expect((await busy.call('/api/v1/me')).status).toBe(200);
    }
    clock.advance(11 * 60);
    expect((await busy.call('/api/v1/me')).status).toBe(401);

    const idle = await signIn();
    clock.advance(12 * 60 + 1);
    expect((await idle.call('/api/v1/me')).status).toBe(401);
  });
});

describe(`the setup link across restarts (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let t: TestApp | undefined;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await t?.close({ closeDatabase: false });
    await database.close();
  });

  it('writes a new link at each start while nobody exists; the previous one stops working', async () => {
    t = await startTestApp({ database, env: { PUBLIC_URL: 'https://feedback.example.com' } });
    const before = setupLinkOf(t);
    expect(before.link).toMatch(/^https:\/\/feedback\.example\.com\/console\/setup\//);
    await t.close({ closeDatabase: false });
    t = await startTestApp({ database, env: { PUBLIC_URL: 'https://feedback.example.com' } });
    const after = setupLinkOf(t);
    expect(after.token).not.toBe(before.token);

    const browser = new ConsoleBrowser(t.url, { origin: 'https://feedback.example.com' });
    expect((await browser.call('/api/v1/auth/setup', { method: 'POST', body: { ...ADMIN, token: before.token } })).status).toBe(403);
    expect((await browser.call('/api/v1/auth/setup', { method: 'POST', body: { ...ADMIN, token: after.token } })).status).toBe(201);

    // Without SMTP_URL nothing is e-mailed: the admin passes the link on; it starts with PUBLIC_URL.
    const invited = await browser.call('/api/v1/users', { method: 'POST', body: { email: 'nomail@example.com', displayName: 'No Mail', role: 'viewer' } });
    expect(invited.body).toMatchObject({ emailed: false, inviteUrl: expect.stringMatching(/^https:\/\/feedback\.example\.com\/console\/invite\//) as string });

    await t.close({ closeDatabase: false });
    t = await startTestApp({ database });
    expect(existsSync(setupLinkFile(t.app.get<AppConfig>(APP_CONFIG).dataDir))).toBe(false);
    expect(t.logs.text()).not.toContain('/console/setup/');
  });
});

describe(`people's actions on incidents and problems (${databaseKind})`, () => {
  const CHANNEL = 'C0PEOPLE';
  const OLENA = { email: 'olena@example.com', displayName: 'Olena Koval', role: 'supervisor', password: 'olena-password-long' };
  let fake: FakeSlack;
  let t: TestApp;
  let olena: ConsoleBrowser;
  let olenaId: string;
  let crm: Api;

  beforeAll(async () => {
    fake = await FakeSlack.start('xoxb-0000-people-token');
    t = await startTestApp({
      env: { SLACK_BOT_TOKEN: 'xoxb-0000-people-token', SLACK_SIGNING_SECRET: 'people-signing-secret', SLACK_API_URL: fake.url, SLACK_ESCALATION_CHANNEL: CHANNEL, DEFAULT_LOCALE: 'en' },
    });
    ({ browser: olena, id: olenaId } = await invitedPerson(await firstAdmin(t), OLENA));
    const admin = new Api(t.url);
    crm = admin.as(await admin.key('integration', 'CRM'));
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const olenaActor = () => ({ kind: 'person', id: olenaId, name: OLENA.displayName });
  /** The thread under a top-level message once it holds `count` lines, as their texts. */
  const threadOf = (ts: string, count: number) =>
    waitFor(() => {
      const lines = fake.thread(CHANNEL, ts).map((c) => String(c.args.text));
      return lines.length >= count ? lines : undefined;
    }, 15_000);

  it('records a signed-in supervisor who acknowledges and resolves an incident by name, in its history, its audit rows and its Slack message', async () => {
    const reported = await crm.json<IncidentJson>('/api/v1/incidents', { body: incidentReport() });
    const message = await waitFor(() => fake.topLevel(CHANNEL).find((c) => String(c.args.text).startsWith(`INC-${reported.number} `)));
    const move = (body: Record<string, unknown>) => olena.call<IncidentJson>(`/api/v1/incidents/${reported.id}/transitions`, { method: 'POST', body });
    expect((await move({ action: 'acknowledge' })).status).toBe(201);
    const resolved = await move({ action: 'resolve', justified: true, note: 'Called back and apologised' });
    expect([resolved.status, resolved.body.status]).toEqual([201, 'resolved']);

    const { body: incident } = await olena.call<IncidentJson>(`/api/v1/incidents/${reported.id}`);
    expect(incident.history.map((h) => [h.action, h.actor])).toEqual([
      ['create', { kind: 'api_key', id: expect.any(String) as string, name: 'CRM' }],
      ['acknowledge', olenaActor()],
      ['resolve', olenaActor()],
    ]);
    const rows = await t.app
      .get(DataSource)
      .query<unknown[]>(`SELECT action, actor_kind, actor_id, actor_name FROM incident_event WHERE incident_id = $1 AND actor_kind = 'person' ORDER BY seq`, [reported.id]);
    expect(rows).toEqual(['acknowledge', 'resolve'].map((action) => ({ action, actor_kind: 'person', actor_id: olenaId, actor_name: OLENA.displayName })));

    const updated = await waitFor(() => fake.updates(CHANNEL, message.ts!).find((u) => String(u.args.text).includes('is resolved')), 15_000);
    expect(JSON.stringify(updated.args)).toContain('Olena Koval — *resolved* (acknowledged → resolved)');
    expect((await threadOf(message.ts!, 3)).slice(1)).toEqual([
      'Olena Koval — *acknowledged* (new → acknowledged)',
      'Olena Koval — *resolved* (acknowledged → resolved): “Called back and apologised”',
    ]);
  });

  it('records a signed-in supervisor who starts investigating a problem by name', async () => {
    const point = `people-point-${process.pid}`;
    for (let i = 0; i < 3; i++) await crm.json('/api/v1/incidents', { body: incidentReport({ reasonCode: 'queue', pointOfService: point, phone: `+380 67 555 00 0${i}` }) });
    const { body: page } = await olena.call<{ items: ProblemJson[] }>('/api/v1/problems?reasonCode=queue');
    const problem = page.items.find((p) => p.value === point)!;
    const announced = await waitFor(() => fake.topLevel(CHANNEL).find((c) => String(c.args.text).startsWith(`PRB-${problem.number}: `)));

    const moved = await olena.call<ProblemJson>(`/api/v1/problems/${problem.id}/transitions`, { method: 'POST', body: { action: 'investigate', note: 'Asking the branch' } });
    expect(moved.status).toBe(201);
    expect(moved.body.history.at(-1)).toMatchObject({ action: 'investigate', actor: olenaActor() });
    expect((await threadOf(announced.ts!, 2)).at(-1)).toBe('Olena Koval — *started the investigation* (open → investigating): “Asking the branch”');
  });
});

async function createKey(t: TestApp, role: string): Promise<string> {
  const res = await fetch(`${t.url}/api/v1/api-keys`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...bearer(TEST_ADMIN_KEY) }, body: JSON.stringify({ name: `${role} key`, role }) });
  return ((await res.json()) as { key: string }).key;
}
