import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Api, type IncidentJson, incidentReport } from '../support/incidents-api';
import { LocalOidcProvider, OIDC_CLIENT, OidcBrowser } from '../support/local-oidc-provider';
import { ConsoleBrowser, firstAdmin, type PeopleJson, sessionCookieOf } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

jest.setTimeout(60_000);

const CALLBACK = '/api/v1/auth/oidc/callback';
const OLENA = { email: 'olena@example.com', displayName: 'Olena Koval', role: 'supervisor' };
const IVAN = { email: 'ivan@example.com', displayName: 'Ivan Petrenko', role: 'viewer' };
const GONE = { email: 'gone@example.com', displayName: 'Former Colleague', role: 'supervisor' };

/** The accounts at the provider, by the name typed on its sign-in page. */
const ACCOUNTS = {
  olena: { email: 'Olena@Example.com', email_verified: true, name: 'Olena at the provider' },
  ivan: { email: IVAN.email, email_verified: false, name: 'Ivan' },
  stranger: { email: 'stranger@example.com', email_verified: true, name: 'Stella Stranger' },
  gone: { email: GONE.email, email_verified: true },
  nadia: { email: 'Nadia@example.com', email_verified: true, name: 'Nadia Newcomer' },
};

const oidcEnv = (issuer: string, extra: Record<string, string> = {}) => ({ OIDC_ISSUER_URL: issuer, OIDC_CLIENT_ID: OIDC_CLIENT.id, OIDC_CLIENT_SECRET: OIDC_CLIENT.secret, ...extra });

/** Where a callback sent the browser, and the session it was given (undefined: none). */
async function callback(browser: OidcBrowser, url: string): Promise<{ status: number; location: string | null; session: string | undefined }> {
  const res = await browser.open(url);
  return { status: res.status, location: res.headers.get('location'), session: sessionCookieOf(res.headers) };
}

/** A console browser holding a session cookie. */
function signedIn(t: TestApp, session: string | undefined): ConsoleBrowser {
  const browser = new ConsoleBrowser(t.url);
  browser.cookie = session;
  return browser;
}

describe(`single sign-on through a local OpenID provider (${databaseKind})`, () => {
  let provider: LocalOidcProvider;
  let t: TestApp;
  let p: TestApp;
  let admin: ConsoleBrowser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    provider = await LocalOidcProvider.listen();
    t = await startTestApp({ env: oidcEnv(provider.issuer) });
    p = await startTestApp({ env: oidcEnv(provider.issuer, { OIDC_AUTO_PROVISION_ROLE: 'viewer' }) });
    provider.serve([`${t.url}${CALLBACK}`, `${p.url}${CALLBACK}`], ACCOUNTS);
    admin = await firstAdmin(t);
    for (const person of [OLENA, IVAN, GONE]) {
      const invited = await admin.call('/api/v1/users', { method: 'POST', body: person });
      expect(invited.status).toBe(201);
      ids[person.email] = invited.body.user!.id!;
    }
    expect((await admin.call(`/api/v1/users/${ids[GONE.email]}`, { method: 'DELETE' })).status).toBe(204);
  });
  afterAll(async () => {
    await t?.close();
    await p?.close();
    await provider?.close();
  });

  it('tells the sign-in page that single sign-on is on', async () => {
    const methods = await new ConsoleBrowser(t.url).call('/api/v1/auth/methods');
    expect([methods.status, methods.body]).toEqual([200, { singleSignOn: { provider: null } }]);
  });

  it('signs an invited person in by their verified e-mail, whatever its case: active, with the role and name the admin gave', async () => {
    const browser = new OidcBrowser();
    const started = await browser.open(`${t.url}/api/v1/auth/oidc/start`);
    const authorization = new URL(started.headers.get('location')!);
    expect(authorization.origin).toBe(provider.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${t.url}${CALLBACK}`);
    const flowCookie = started.headers.getSetCookie().find((c) => c.startsWith('turbota_oidc='))!;
    expect(flowCookie).toMatch(/HttpOnly/i);
    expect(flowCookie).toMatch(/SameSite=Lax/i);
    // The verifier travels sealed: the cookie shows neither it nor the state.
    expect(flowCookie).not.toContain(authorization.searchParams.get('state'));

    const answer = new URL(await browser.signInAt(t.url, 'olena'));
    const sealedFlow = browser.cookie(t.url, 'turbota_oidc')!;
    const done = await callback(browser, answer.href);
    expect([done.status, done.location]).toEqual([302, '/console/']);
    expect(browser.cookie(t.url, 'turbota_oidc')).toBeUndefined();
    for (const secret of [answer.searchParams.get('code')!, answer.searchParams.get('state')!, sealedFlow, done.session!]) expect(t.logs.text()).not.toContain(secret);

    const olena = signedIn(t, done.session);
    const me = await olena.call('/api/v1/me');
    expect([me.status, me.body]).toEqual([200, { kind: 'person', id: ids[OLENA.email], email: OLENA.email, displayName: OLENA.displayName, role: 'supervisor', locale: null, slackUserId: null }]);
    const user = await admin.call(`/api/v1/users/${ids[OLENA.email]}`);
    expect(user.body).toMatchObject({ status: 'active', lastSignInAt: expect.any(String) as string });
    // The session is a password sign-in's: it ends with sign-out like any other.
    const other = signedIn(t, done.session);
    expect((await other.call('/api/v1/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await olena.call('/api/v1/me')).status).toBe(401);
  });

  it('ends on the console page the sign-in started from, and never anywhere else', async () => {
    const landing = async (next: string) => {
      const browser = new OidcBrowser();
      const done = await callback(browser, await browser.signInAt(t.url, 'olena', { next }));
      expect(done.session).toBeDefined();
      return done.location;
    };
    const page = '/console/incidents/0b9d6e2c-3f7a-4d55-9b1e-1c2d3e4f5a6b?tab=history';
    await expect(landing(page)).resolves.toBe(page);
    await expect(landing('/console/?view=mine')).resolves.toBe('/console/?view=mine');
    for (const elsewhere of ['https://evil.example/console/', '//evil.example/console/', '/console/\\evil.example', '/console/../api/v1/users', '/api/v1/me', '/console/login?next=/console/']) {
      await expect(landing(elsewhere)).resolves.toBe('/console/');
    }
  });

  it("records the person's actions as theirs, with the invited account's role", async () => {
    const browser = new OidcBrowser();
    const olena = signedIn(t, (await callback(browser, await browser.signInAt(t.url, 'olena'))).session);
    const crm = new Api(t.url);
    const reported = await crm.json<IncidentJson>('/api/v1/incidents', { body: incidentReport() });
    const moved = await olena.call<IncidentJson>(`/api/v1/incidents/${reported.id}/transitions`, { method: 'POST', body: { action: 'acknowledge' } });
    expect(moved.status).toBe(201);
    expect(moved.body.history.at(-1)).toMatchObject({ action: 'acknowledge', actor: { kind: 'person', id: ids[OLENA.email], name: OLENA.displayName } });
    // A supervisor, not an admin: the people's pages stay closed.
    expect((await olena.call('/api/v1/users')).status).toBe(403);
  });

  it('refuses a replayed callback, with the flow cookie gone and with it kept', async () => {
    const browser = new OidcBrowser();
    const answer = await browser.signInAt(t.url, 'olena');
    const flow = browser.cookie(t.url, 'turbota_oidc')!;
    expect((await callback(browser, answer)).location).toBe('/console/');

    const again = await callback(browser, answer);
    expect([again.location, again.session]).toEqual(['/console/login?error=sso-failed', undefined]);
    // Someone who copied both the answer and the cookie: the provider takes a code once.
    const copied = await fetch(answer, { headers: { Cookie: `turbota_oidc=${flow}` }, redirect: 'manual' });
    expect([copied.headers.get('location'), sessionCookieOf(copied.headers)]).toEqual(['/console/login?error=sso-failed', undefined]);
  });

  it('refuses a tampered state, and an answer brought by another browser', async () => {
    const browser = new OidcBrowser();
    const answer = new URL(await browser.signInAt(t.url, 'olena'));
    const stolen = await callback(new OidcBrowser(), answer.href);
    expect([stolen.location, stolen.session]).toEqual(['/console/login?error=sso-failed', undefined]);

    answer.searchParams.set('state', `${answer.searchParams.get('state')}x`);
    const tampered = await callback(browser, answer.href);
    expect([tampered.location, tampered.session]).toEqual(['/console/login?error=sso-failed', undefined]);
  });

  it('refuses an e-mail the provider has not verified, an unknown e-mail and a deactivated person', async () => {
    const outcome = async (account: string) => {
      const browser = new OidcBrowser();
      const done = await callback(browser, await browser.signInAt(t.url, account));
      return [done.location, done.session];
    };
    expect(await outcome('ivan')).toEqual(['/console/login?error=email-unverified', undefined]);
    expect(await outcome('stranger')).toEqual(['/console/login?error=no-account', undefined]);
    expect(await outcome('gone')).toEqual(['/console/login?error=deactivated', undefined]);

    const people = await admin.call<PeopleJson[]>('/api/v1/users');
    expect(people.body.map((person) => [person.email, person.status])).toEqual([
      ['admin@example.com', 'active'],
      [OLENA.email, 'active'],
      [IVAN.email, 'invited'],
      [GONE.email, 'deactivated'],
    ]);
  });

  it('with OIDC_AUTO_PROVISION_ROLE gives an unknown verified e-mail an account of that role, once the first admin exists', async () => {
    const browser = new OidcBrowser();
    const early = await callback(browser, await browser.signInAt(p.url, 'nadia'));
    expect([early.location, early.session]).toEqual(['/console/login?error=setup-needed', undefined]);

    const pAdmin = await firstAdmin(p);
    const done = await callback(browser, await browser.signInAt(p.url, 'nadia'));
    expect(done.location).toBe('/console/');
    const me = await signedIn(p, done.session).call('/api/v1/me');
    expect(me.body).toMatchObject({ kind: 'person', email: 'nadia@example.com', displayName: 'Nadia Newcomer', role: 'viewer' });
    const second = new OidcBrowser();
    const again = await callback(second, await second.signInAt(p.url, 'nadia'));
    expect((await signedIn(p, again.session).call('/api/v1/me')).body.id).toBe(me.body.id);
    const people = await pAdmin.call<PeopleJson[]>('/api/v1/users');
    expect(people.body.filter((person) => person.email === 'nadia@example.com').map((person) => [person.role, person.status])).toEqual([['viewer', 'active']]);
  });
});

describe(`single sign-on with an issuer that cannot be reached (${databaseKind})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: oidcEnv(`http://127.0.0.1:${await closedPort()}`, { LOGIN_FAILURES_PER_ADDRESS: '3' }) });
  });
  afterAll(() => t?.close());

  it('starts all the same, and says in the log why sign-ins with it fail', async () => {
    const browser = new OidcBrowser();
    const started = await browser.open(`${t.url}/api/v1/auth/oidc/start`);
    expect([started.status, started.headers.get('location')]).toEqual([302, '/console/login?error=sso-unavailable']);
    expect(t.logs.text()).toMatch(/Single sign-on is unavailable: the issuer http:\/\/127\.0\.0\.1:\d+ cannot be reached/);
  });

  it('counts refused callbacks against the client address, then turns every sign-on away', async () => {
    const browser = new OidcBrowser();
    for (let i = 0; i < 3; i++) expect((await callback(browser, `${t.url}${CALLBACK}?code=guess-${i}&state=guess`)).location).toBe('/console/login?error=sso-failed');
    expect((await callback(browser, `${t.url}${CALLBACK}?code=guess&state=guess`)).location).toBe('/console/login?error=throttled');
    expect((await browser.open(`${t.url}/api/v1/auth/oidc/start`)).headers.get('location')).toBe('/console/login?error=throttled');
  });
});

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
