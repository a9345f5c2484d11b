import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { findSecrets, scanDatabase, type Secret } from '../personal-data/pii-scan';
import { ADMIN, ConsoleBrowser, firstAdmin, invitedPerson, MailCatcher, setupLinkOf } from '../../support/people';
import { bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { concrete, mountedRoutes, recordFigures, type Route, routeName } from './support';

jest.setTimeout(120_000);

const PUBLIC_URL = 'https://feedback.example.com';
const SUPERVISOR = { email: 'olha@example.com', displayName: 'Olha', role: 'supervisor', password: 'olha-password-long', locale: 'ru' };
const VIEWER = { email: 'vasyl@example.com', displayName: 'Vasyl', role: 'viewer', password: 'vasyl-password-long' };
const NEW_PASSWORD = 'vasyl-password-after-reset';
const WRONG_PASSWORD = 'guessed-password-wrong';
const NO_INCIDENT = '00000000-0000-4000-8000-000000000000';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

type Outcome = 'allowed' | 401 | 403;
const outcomeOf = (status: number): Outcome => (status === 401 || status === 403 ? status : 'allowed');

describe(`people's sessions (${databaseKind})`, () => {
  let t: TestApp;
  let mail: MailCatcher;
  let setupToken: string;
  let admin: ConsoleBrowser;
  let supervisor: ConsoleBrowser;
  let viewer: ConsoleBrowser;
  const sessionTokens = new Set<string>();
  const linkTokens: string[] = [];
  const figures: Record<string, unknown> = {};

  const remember = (browser: ConsoleBrowser) => {
    if (browser.cookie) sessionTokens.add(browser.cookie);
    return browser;
  };

  beforeAll(async () => {
    mail = new MailCatcher();
    t = await startTestApp({ env: { PUBLIC_URL, TRUST_PROXY: 'loopback', SMTP_URL: await mail.start(), MAIL_FROM: 'turbota@example.com' } });
    setupToken = setupLinkOf(t).token;
    admin = remember(await firstAdmin(t, { origin: PUBLIC_URL }));
    const olha = await invitedPerson(admin, SUPERVISOR);
    const vasyl = await invitedPerson(admin, VIEWER);
    supervisor = remember(olha.browser);
    viewer = remember(vasyl.browser);
    linkTokens.push(...[olha.inviteUrl, vasyl.inviteUrl].map((url) => url.split('/').pop()!));
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
    recordFigures('peopleSessions', figures);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Secure (PUBLIC_URL is https), for the whole site, and clears it alike', async () => {
    const res = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: SUPERVISOR.email, password: SUPERVISOR.password }) });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('turbota_session='))!;
    const token = cookie.split(';')[0].slice('turbota_session='.length);
    sessionTokens.add(token);
    const attributes = cookie.split(';').slice(1).map((a) => a.trim().split('=')[0].toLowerCase());
    expect(attributes.sort()).toEqual(['expires', 'httponly', 'max-age', 'path', 'samesite', 'secure']);
    expect(cookie).toMatch(/; Path=\/;/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Max-Age=604800;/); // SESSION_MAX_DAYS: 7

    const browser = new ConsoleBrowser(t.url, { origin: PUBLIC_URL });
    browser.cookie = token;
    const out = await fetch(`${t.url}/api/v1/auth/logout`, { method: 'POST', headers: { Cookie: `turbota_session=${token}`, Origin: PUBLIC_URL } });
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie().find((c) => c.startsWith('turbota_session='))!;
    expect(cleared).toMatch(/^turbota_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax$/);
    figures.cookie = 'HttpOnly; SameSite=Lax; Secure with an https PUBLIC_URL; Path=/; Max-Age = SESSION_MAX_DAYS';
  });

  it('refuses an unsafe request with a valid cookie from another origin (403), and lets the same origin through', async () => {
    const transition = (browser: ConsoleBrowser, headers?: Record<string, string>) =>
      browser.call(`/api/v1/incidents/${NO_INCIDENT}/transitions`, { method: 'POST', body: { action: 'acknowledge' }, headers });
    const from = (origin: string | null) => supervisor.copy({ origin });

    const foreign = await transition(from('https://evil.example.net'));
    expect([foreign.status, foreign.body.message]).toEqual([403, 'Cross-origin request refused']);
    expect((await transition(from(null))).status).toBe(403); // neither Origin nor Referer
    expect((await transition(from('null'))).status).toBe(403); // a sandboxed or file page
    expect((await transition(from(t.url))).status).toBe(403); // the server's own origin is PUBLIC_URL's
    expect((await transition(from(null), { Referer: 'https://evil.example.net/console/' })).status).toBe(403);
    expect((await from('https://evil.example.net').call('/api/v1/auth/logout', { method: 'POST' })).status).toBe(403);

    expect((await transition(from(PUBLIC_URL))).status).toBe(404); // past the guard: no such incident
    expect((await transition(from(null), { Referer: `${PUBLIC_URL}/console/incidents/${NO_INCIDENT}` })).status).toBe(404);
    expect((await from('https://evil.example.net').call('/api/v1/me')).status).toBe(200); // reading is not forgery
    // A key is not ambient: no browser sends it on its own, so its origin does not matter.
    const keyed = await fetch(`${t.url}/api/v1/incidents/${NO_INCIDENT}/transitions`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example.net', ...bearer(TEST_ADMIN_KEY) }, body: JSON.stringify({ action: 'acknowledge' }) });
    expect(keyed.status).toBe(404);
    expect((await supervisor.call('/api/v1/me')).status).toBe(200); // the refused sign-out ended nothing
    figures.crossOriginUnsafeWithCookie = 403;
  });

  it("gives people exactly the API-key role matrix, on every /api/v1 route the router mounts", async () => {
    const keys: Record<string, string> = { admin: TEST_ADMIN_KEY };
    for (const role of ['supervisor', 'viewer']) {
      const res = await fetch(`${t.url}/api/v1/api-keys`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...bearer(TEST_ADMIN_KEY) }, body: JSON.stringify({ name: `matrix ${role}`, role }) });
      keys[role] = ((await res.json()) as { key: string }).key;
    }
    const people: Record<string, { browser: ConsoleBrowser; email: string; password: string }> = {
      admin: { browser: admin, email: ADMIN.email, password: ADMIN.password },
      supervisor: { browser: supervisor, email: SUPERVISOR.email, password: SUPERVISOR.password },
      viewer: { browser: viewer, email: VIEWER.email, password: VIEWER.password },
    };
    const endsSession = (route: Route) => route.path.startsWith('/api/v1/auth/logout');
    const routes = mountedRoutes(t.app).filter((r) => r.path.startsWith('/api/v1/'));
    // Signing out ends the session it is sent with: those go last, each with a fresh sign-in.
    routes.sort((a, b) => Number(endsSession(a)) - Number(endsSession(b)));
    const byKey: string[] = [];
    const byPerson: string[] = [];
    for (const route of routes) {
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
      for (const role of ['admin', 'supervisor', 'viewer']) {
        const keyed = await fetch(`${t.url}${concrete(route.path)}`, { method: route.method, headers: { 'Content-Type': 'application/json', ...bearer(keys[role]) }, body: body && '{}' });
        // An event stream stays open: its status is all a cell needs.
        if (keyed.headers.get('content-type')?.startsWith('text/event-stream')) await keyed.body?.cancel();
        else await keyed.arrayBuffer();
        byKey.push(`${routeName(route)} as ${role}: ${outcomeOf(keyed.status)}`);
        const person = people[role];
        const browser = endsSession(route) ? remember(await signIn(person.email, person.password)) : person.browser;
        const answer = await browser.call(concrete(route.path), { method: route.method, body });
        byPerson.push(`${routeName(route)} as ${role}: ${outcomeOf(answer.status)}`);
      }
    }
    expect(byPerson).toEqual(byKey);
    expect(byKey.filter((cell) => cell.endsWith(': 403')).length).toBeGreaterThan(40);
    figures.roleMatrix = { routes: routes.length, roles: 3, cells: byKey.length, forbidden: byKey.filter((c) => c.endsWith(': 403')).length, mismatches: 0 };
  });

  it('keeps no password, link token or session id in the clear: not in the logs, not in any table', async () => {
    const failed = await new ConsoleBrowser(t.url, { origin: PUBLIC_URL }).call('/api/v1/auth/login', { method: 'POST', body: { email: VIEWER.email, password: WRONG_PASSWORD } });
    expect(failed.status).toBe(401);
    const reset = await new ConsoleBrowser(t.url, { origin: PUBLIC_URL }).call('/api/v1/auth/password-reset', { method: 'POST', body: { email: VIEWER.email } });
    expect(reset.status).toBe(202);
    const [letter] = await waitFor(() => (mail.to(VIEWER.email).some((m) => m.text?.includes('/console/reset/')) ? mail.to(VIEWER.email).filter((m) => m.text?.includes('/console/reset/')) : undefined));
    const resetToken = /\/console\/reset\/([A-Za-z0-9_-]{43})/.exec(letter.text!)![1];
    const page = new ConsoleBrowser(t.url, { origin: PUBLIC_URL });
    expect((await page.call(`/api/v1/auth/password-reset/${resetToken}`)).status).toBe(200);
    expect((await page.call(`/api/v1/auth/password-reset/${resetToken}`, { method: 'POST', body: { password: NEW_PASSWORD } })).status).toBe(204);
    remember(await signIn(VIEWER.email, NEW_PASSWORD));
    expect((await page.call(`/api/v1/auth/invitations/${linkTokens[0]}`)).status).toBe(410);
    const [invitation] = mail.to(SUPERVISOR.email);
    expect([invitation.subject, invitation.text?.includes('супервайзер')]).toEqual(['Приглашение в консоль Turbota', true]);

    const secrets: Secret[] = [
      ...[ADMIN.password, SUPERVISOR.password, VIEWER.password, NEW_PASSWORD, WRONG_PASSWORD].map((p) => ({ label: `password ${p.slice(0, 4)}…`, forms: [p] })),
      ...[...linkTokens, resetToken].map((token, i) => ({ label: `link token ${i}`, forms: [token] })),
      ...[...sessionTokens].map((token, i) => ({ label: `session ${i}`, forms: [token] })),
    ];
    expect(sessionTokens.size).toBeGreaterThanOrEqual(4);
    const db = t.app.get(DataSource);
    const scan = await scanDatabase(db, [...secrets, { label: 'setup token', forms: [setupToken] }]);
    expect(scan.hits).toEqual([]);
    expect(findSecrets(t.logs.text(), secrets)).toEqual([]);
    // The setup link is the one token the log carries, by design: once, on the line that says what it is, and spent since.
    expect(t.logs.lines.filter((line) => line.includes(setupToken)).map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([expect.stringMatching(/^No one can sign in to the console yet: open https:\/\/feedback\.example\.com\/console\/setup\//)]);

    const hashes = await db.query<{ password_hash: string }[]>('SELECT password_hash FROM person WHERE password_hash IS NOT NULL');
    expect(hashes.length).toBe(3);
    for (const { password_hash: hash } of hashes) expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const stored = await db.query<{ token_hash: Buffer }[]>('SELECT token_hash FROM person_session');
    expect(stored.some((row) => row.token_hash.equals(sha256(viewer.cookie ?? '')))).toBe(false); // ended by the reset
    expect([...sessionTokens].filter((token) => stored.some((row) => row.token_hash.equals(sha256(token)))).length).toBeGreaterThan(2);
    figures.secretsChecked = secrets.length + 1;
    figures.tablesScanned = scan.tables;
    figures.rowsScanned = scan.rows;
  });

  async function signIn(email: string, password: string): Promise<ConsoleBrowser> {
    const browser = new ConsoleBrowser(t.url, { origin: PUBLIC_URL });
    const answer = await browser.call('/api/v1/auth/login', { method: 'POST', body: { email, password } });
    if (answer.status !== 200) throw new Error(`Sign-in answered ${answer.status}`);
    return browser;
  }
});

describe(`people's sessions without an https PUBLIC_URL (${databaseKind})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sets the cookie without Secure, and takes the address the request came to as the own origin', async () => {
    const browser = new ConsoleBrowser(t.url);
    const res = await fetch(`${t.url}/api/v1/auth/setup`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: t.url }, body: JSON.stringify({ token: setupLinkOf(t).token, ...ADMIN }) });
    expect(res.status).toBe(201);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('turbota_session='))!;
    expect(cookie).toMatch(/; HttpOnly; SameSite=Lax$/);
    expect(cookie).not.toMatch(/Secure/);
    browser.cookie = cookie.split(';')[0].slice('turbota_session='.length);
    expect((await browser.call('/api/v1/users', { method: 'POST', body: { email: 'x@example.com', displayName: 'X', role: 'viewer' } })).status).toBe(201);
    expect((await browser.copy({ origin: 'http://localhost:3000' }).call('/api/v1/users', { method: 'POST', body: { email: 'y@example.com', displayName: 'Y', role: 'viewer' } })).status).toBe(403);
  });
});
