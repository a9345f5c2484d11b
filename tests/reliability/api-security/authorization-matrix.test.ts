import { createHash } from 'node:crypto';
import { bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { concrete, documentedRoutes, mountedRoutes, recordFigures, Route, routeName } from './support';

type Role = 'supervisor' | 'viewer' | 'integration';
const S: Role = 'supervisor';
const V: Role = 'viewer';
const I: Role = 'integration';

/**
 * Who besides admin (who may call everything) may call each /api/v1 endpoint, from what each
 * role is for: a viewer reads reports and the data behind them (contacts masked); a supervisor
 * reads the same and works incidents and problems; an integration (telephony, CRM) reports
 * contacts and incidents, imports, and asks the standard what to do next. Configuration
 * (pools, policies, points, the standard, campaigns, keys) and erasure are the admin's.
 */
const ALLOWED: Record<string, Role[]> = {
  'POST /api/v1/api-keys': [],
  'GET /api/v1/api-keys': [],
  'DELETE /api/v1/api-keys/:id': [],
  'POST /api/v1/question-pools': [],
  'POST /api/v1/question-pools/preview': [],
  'GET /api/v1/question-pools': [V, S],
  'GET /api/v1/question-pools/languages': [V, S],
  'GET /api/v1/question-pools/:id': [V, S],
  'GET /api/v1/question-pools/:id/versions/:version': [V, S],
  'PATCH /api/v1/question-pools/:id': [],
  'DELETE /api/v1/question-pools/:id': [],
  'POST /api/v1/survey-policies': [],
  'GET /api/v1/survey-policies': [V, S],
  'GET /api/v1/survey-policies/:id': [V, S],
  'PATCH /api/v1/survey-policies/:id': [],
  'DELETE /api/v1/survey-policies/:id': [],
  'GET /api/v1/responses': [V, S],
  'GET /api/v1/responses/export': [V, S],
  'GET /api/v1/deliveries': [V, S],
  'POST /api/v1/deliveries/:id/retry': [],
  'POST /api/v1/contacts': [I],
  'GET /api/v1/contacts/:id': [I, S, V],
  'DELETE /api/v1/customers/:id': [],
  'POST /api/v1/points': [],
  'GET /api/v1/points': [V, S],
  'GET /api/v1/points/:id': [V, S],
  'PATCH /api/v1/points/:id': [],
  'DELETE /api/v1/points/:id': [],
  'GET /api/v1/points/:id/links': [V, S],
  'GET /api/v1/points/:id/qr': [V, S],
  'GET /api/v1/standard': [V, S],
  'GET /api/v1/standard/next-steps': [V, S, I],
  'GET /api/v1/standard/versions/:version': [V, S],
  'PUT /api/v1/standard': [],
  'GET /api/v1/reports/summary': [V, S],
  'GET /api/v1/reports/trend': [V, S],
  'GET /api/v1/reports/factors': [V, S],
  'GET /api/v1/reports/incidents': [V, S],
  'GET /api/v1/reports/problems': [V, S],
  'POST /api/v1/imports/responses': [I],
  'POST /api/v1/imports/contacts': [I],
  'POST /api/v1/campaigns': [],
  'GET /api/v1/campaigns': [V, S],
  'GET /api/v1/campaigns/estimate': [],
  'GET /api/v1/campaigns/:id': [V, S],
  'POST /api/v1/campaigns/:id/cancel': [],
  'GET /api/v1/incidents': [V, S],
  'GET /api/v1/incidents/:id': [V, S],
  'POST /api/v1/incidents': [I],
  'POST /api/v1/incidents/:id/transitions': [S],
  'POST /api/v1/incidents/:id/owner': [S],
  'POST /api/v1/incidents/:id/contact-reveal': [S],
  'GET /api/v1/problems': [V, S],
  'GET /api/v1/problems/:id': [V, S],
  'POST /api/v1/problems/:id/transitions': [S],
  'GET /api/v1/reports/score-distribution': [V, S],
  'GET /api/v1/reports/invitations': [V, S],
  'POST /api/v1/privacy/reseal': [],
  'POST /api/v1/users': [],
  'GET /api/v1/users': [],
  'GET /api/v1/users/assignable': [V, S],
  'GET /api/v1/users/:id': [],
  'PATCH /api/v1/users/:id': [],
  'DELETE /api/v1/users/:id': [],
  'POST /api/v1/users/:id/invitation': [],
  'GET /api/v1/audit': [],
  'GET /api/v1/me': [V, S, I],
  // A person's own Slack user (a code to type in Slack, the unlink): any signed-in person; an API key of those roles gets past the guard and is refused as no person.
  'POST /api/v1/me/slack-link': [V, S],
  'DELETE /api/v1/me/slack': [V, S],
  // What changed (ids, statuses, versions): for whoever reads incidents, not for machines that report them.
  'GET /api/v1/events': [V, S],
  'POST /api/v1/auth/logout': [V, S, I],
  'POST /api/v1/auth/logout-all': [V, S, I],
};

/** Routes under /api/v1 open without a credential: signing in, and why each is safe to leave open (all throttled per address). */
const PUBLIC_API: Record<string, string> = {
  'GET /api/v1/auth/setup': 'says only whether the first admin is still to be created',
  'POST /api/v1/auth/setup': 'needs the one-time setup token from the log or DATA_DIR/setup-url',
  'POST /api/v1/auth/login': 'needs a person\'s password; failures throttled per account and per address',
  'GET /api/v1/auth/invitations/:token': 'needs an invitation token (256 random bits)',
  'POST /api/v1/auth/invitations/:token': 'needs an invitation token',
  'POST /api/v1/auth/password-reset': 'answers alike for every e-mail; the link goes only to the account\'s mailbox',
  'GET /api/v1/auth/password-reset/:token': 'needs a reset token (256 random bits)',
  'POST /api/v1/auth/password-reset/:token': 'needs a reset token',
  'GET /api/v1/auth/methods': 'says only whether single sign-on is configured, and the provider\'s name',
  'GET /api/v1/auth/oidc/start': 'only sends the browser to the provider (a redirect); nothing is signed in',
  'GET /api/v1/auth/oidc/callback': 'needs the provider\'s code for the state sealed in this browser\'s cookie; refusals throttled per address',
};

/** Routes outside /api/v1, open without an API key, and why that is right. */
const PUBLIC: Record<string, string> = {
  'GET /': 'a redirect to the console (a first visit lands on a page)',
  'GET /docs': 'OpenAPI UI: describes the API, holds no data',
  'GET /docs/': 'OpenAPI UI',
  'GET /docs/index.html': 'OpenAPI UI',
  'GET /docs/swagger-ui-init.js': 'OpenAPI UI script',
  'GET /docs/docs/swagger-ui-init.js': 'OpenAPI UI script (Nest mounts it twice)',
  'GET /docs/LICENSE': 'Swagger UI licence',
  'GET /docs-json': 'OpenAPI document',
  'GET /docs-yaml': 'OpenAPI document',
  'GET /health': 'load balancer probe: says only whether the database answers',
  'GET /health/live': 'liveness probe: says only that the process answers',
  'GET /health/ready': 'readiness probe: says only whether the database answers and the process is not draining',
  'GET /metrics': 'Prometheus scrape: counters without personal data (behind METRICS_TOKEN when it is set)',
  'GET /dashboard': 'a redirect to the console\'s reports (the old dashboard address)',
  'GET /console': 'the console page holds no data; everything it shows comes from /api/v1 with a session',
  'GET /console/*path': 'the console page for its client addresses, and its built scripts and styles',
  'POST /webhooks/telegram': 'checked by X-Telegram-Bot-Api-Secret-Token',
  'POST /webhooks/viber': 'checked by X-Viber-Content-Signature',
  'GET /webhooks/messenger': "Meta's subscription check: echoes hub.challenge only for MESSENGER_VERIFY_TOKEN (constant-time), writes nothing",
  'POST /webhooks/messenger': 'checked by X-Hub-Signature-256 (HMAC-SHA256 of the raw body with MESSENGER_APP_SECRET)',
  'GET /webhooks/whatsapp': "Meta's subscription check: echoes hub.challenge only for WHATSAPP_VERIFY_TOKEN (constant-time), writes nothing",
  'POST /webhooks/whatsapp': 'checked by X-Hub-Signature-256 (HMAC-SHA256 of the raw body with WHATSAPP_APP_SECRET)',
  'POST /webhooks/slack': 'checked by the Slack signing secret',
  'POST /webhooks/sms/:provider': "checked by the SMS provider's signature (X-Twilio-Signature, TurboSMS's webhook secret)",
  'POST /api/messages': 'checked by the Bot Framework JWT (off unless configured)',
  'GET /chat': 'the customers\' web chat page',
  'GET /chat/assets/:name': 'the web chat script and styles',
  'GET /chat/s/:token': "a contact's personal survey link: the page, by the link's token only",
  'GET /chat/s/:token/unsubscribe': "an e-mail's unsubscribe page, by the link's token only; it only asks",
  'POST /chat/s/:token/unsubscribe': "unsubscribes the link's customer, by the link's token only (rate-limited per address)",
  'POST /chat/api/sessions': 'a customer opens a chat (rate-limited per address)',
  'POST /chat/api/sessions/:token/inputs': 'a customer answers, by the session token only',
  'GET /chat/api/sessions/:token/events': 'a customer\'s event stream, by the session token only',
};

const CALLERS = ['admin', 'supervisor', 'viewer', 'integration', 'no key', 'wrong key', 'revoked key'] as const;
type Caller = (typeof CALLERS)[number];

const SEED = 'api-security-matrix-1';

describe(`API authorization matrix (${databaseKind})`, () => {
  let t: TestApp;
  const keys = {} as Record<Caller, string | undefined>;

  beforeAll(async () => {
    t = await startTestApp();
    const create = async (role: string) => {
      const res = await fetch(`${t.url}/api/v1/api-keys`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...bearer(TEST_ADMIN_KEY) }, body: JSON.stringify({ name: `matrix ${role}`, role }) });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; key: string };
    };
    keys.admin = TEST_ADMIN_KEY;
    for (const role of [S, V, I]) keys[role] = (await create(role)).key;
    const revoked = await create('admin');
    const revoke = await fetch(`${t.url}/api/v1/api-keys/${revoked.id}`, { method: 'DELETE', headers: bearer(TEST_ADMIN_KEY) });
    expect(revoke.status).toBe(200);
    keys['revoked key'] = revoked.key;
    keys['no key'] = undefined;
    // Shaped like a real key (tb_ + 43 base64url characters), derived from the seed.
    keys['wrong key'] = `tb_${createHash('sha256').update(SEED).digest('base64url')}`;
  });
  afterAll(() => t.close());

  function expected(route: Route, caller: Caller): 'allowed' | 401 | 403 {
    if (routeName(route) in PUBLIC_API) return 'allowed';
    if (caller === 'no key' || caller === 'wrong key' || caller === 'revoked key') return 401;
    if (caller === 'admin') return 'allowed';
    const roles = ALLOWED[routeName(route)];
    if (!roles) throw new Error(`${routeName(route)} is not in the table`);
    return roles.includes(caller) ? 'allowed' : 403;
  }

  it('classifies every route the application serves, and documents every /api/v1 route with bearer auth', async () => {
    const mounted = mountedRoutes(t.app).map(routeName);
    const unclassified = mounted.filter((r) => !(r in ALLOWED) && !(r in PUBLIC) && !(r in PUBLIC_API));
    expect(unclassified).toEqual([]);
    const gone = [...Object.keys(ALLOWED), ...Object.keys(PUBLIC), ...Object.keys(PUBLIC_API)].filter((r) => !mounted.includes(r));
    expect(gone).toEqual([]);
    expect(mounted.filter((r) => r.includes(' /api/v1/') && !(r in ALLOWED) && !(r in PUBLIC_API))).toEqual([]);

    const doc = (await (await fetch(`${t.url}/docs-json`)).json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const documented = documentedRoutes(doc).map(routeName);
    expect(documented.filter((r) => r.includes(' /api/v1/')).sort()).toEqual([...Object.keys(ALLOWED), ...Object.keys(PUBLIC_API)].sort());
    expect(documented.filter((r) => !(r in ALLOWED) && !(r in PUBLIC) && !(r in PUBLIC_API))).toEqual([]);
    const apiPaths = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/v1/'));
    const bearerOf = ([path, ops]: [string, Record<string, { security?: unknown[] }>]) =>
      Object.entries(ops).map(([m, op]) => ({ route: routeName({ method: m.toUpperCase(), path: path.replace(/\{([^}]+)\}/g, ':$1') }), bearer: JSON.stringify(op.security ?? []).includes('bearer') }));
    const operations = apiPaths.flatMap(bearerOf);
    expect(operations.filter((o) => !o.bearer && !(o.route in PUBLIC_API)).map((o) => o.route)).toEqual([]);
    expect(operations.filter((o) => o.bearer && o.route in PUBLIC_API).map((o) => o.route)).toEqual([]);
  });

  it('answers every endpoint x caller as the table says: 401 without a valid key, 403 for a role, neither when allowed', async () => {
    const routes = mountedRoutes(t.app).filter((r) => r.path.startsWith('/api/v1/'));
    const wrong: string[] = [];
    const tally = { cells: 0, allowed: 0, unauthorized: 0, forbidden: 0, serverErrors: 0 };
    for (const route of routes) {
      for (const caller of CALLERS) {
        const key = keys[caller];
        const res = await fetch(`${t.url}${concrete(route.path)}`, {
          method: route.method,
          headers: { 'Content-Type': 'application/json', ...(key ? bearer(key) : {}) },
          body: route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}',
          redirect: 'manual', // a redirect (single sign-on's) is an answer, not a refusal
        });
        // An event stream stays open: its status is all a cell needs.
        if (res.headers.get('content-type')?.startsWith('text/event-stream')) await res.body?.cancel();
        else await res.arrayBuffer();
        tally.cells++;
        if (res.status >= 500) tally.serverErrors++;
        const got = res.status === 401 || res.status === 403 ? res.status : 'allowed';
        if (got === 401) tally.unauthorized++;
        else if (got === 403) tally.forbidden++;
        else tally.allowed++;
        const want = expected(route, caller);
        if (got !== want || res.status >= 500) wrong.push(`${routeName(route)} as ${caller}: expected ${want}, got ${res.status}`);
      }
    }
    recordFigures('authorizationMatrix', { endpoints: routes.length, callers: CALLERS.length, ...tally, mismatches: wrong.length });
    expect(wrong).toEqual([]);
    expect(tally.cells).toBe((Object.keys(ALLOWED).length + Object.keys(PUBLIC_API).length) * CALLERS.length);
  });

  it('says why a call is refused: which header is missing, or which role the endpoint needs', async () => {
    const none = await fetch(`${t.url}/api/v1/incidents`);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await none.json()) as { message: string }).message).toMatch(/Missing API key/);
    const revoked = await fetch(`${t.url}/api/v1/incidents`, { headers: bearer(keys['revoked key']!) });
    expect(((await revoked.json()) as { message: string }).message).toMatch(/unknown or has been revoked/);
    const role = await fetch(`${t.url}/api/v1/incidents/00000000-0000-4000-8000-000000000000/transitions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...bearer(keys.viewer!) },
      body: JSON.stringify({ action: 'acknowledge' }),
    });
    expect(role.status).toBe(403);
    expect(((await role.json()) as { message: string }).message).toBe('This endpoint needs the role supervisor; this API key has the role viewer');
  });

  it('leads the old dashboard address to the console\'s reports and serves the docs without a key; the figures need one', async () => {
    const page = await fetch(`${t.url}/dashboard?lang=en`, { redirect: 'manual' });
    expect([page.status, page.headers.get('location')]).toEqual([302, '/console/reports']);
    expect(page.headers.get('strict-transport-security')).toBeNull(); // PUBLIC_URL is not https here
    // The figures behind it need a key.
    expect((await fetch(`${t.url}/api/v1/reports/summary`)).status).toBe(401);
    expect((await fetch(`${t.url}/api/v1/reports/score-distribution`, { headers: bearer(keys.integration!) })).status).toBe(403);

    for (const path of ['/docs', '/docs-json']) expect((await fetch(`${t.url}${path}`)).status).toBe(200);
  });
});
