import { projectPath } from '@turbota/common';
import { readStandardFile } from '@turbota/standard';
import { Api, incidentReport } from '../../support/incidents-api';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { mountedRoutes, recordFigures, routeName, uploadCsv } from './support';

const all = (text: string) => ({ uk: text, ru: text, en: text });

/** A body the endpoint accepts, the fields an attacker adds to it, and the status the plain body gets. */
interface MassAssignmentCase {
  route: string;
  path: () => string;
  key: () => string;
  body: () => Record<string, unknown>;
  extra: Record<string, unknown>;
  ok: number;
}

// Fields a caller must never set: identities, roles, states, audit columns.
const EXTRA = { id: '00000000-0000-4000-8000-000000000001', createdAt: '2020-01-01T00:00:00Z', state: 'closed' };

describe(`Mass assignment, paging and body sizes (${databaseKind})`, () => {
  let t: TestApp;
  let api: Api;
  const keys = { admin: TEST_ADMIN_KEY, supervisor: '', integration: '' };
  const ids = { pool: '', policy: '', point: '', incident: '', problem: '', session: '', person: '' };
  let documented: string[];

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.url);
    keys.supervisor = await api.key('supervisor');
    keys.integration = await api.key('integration');
    ids.pool = (await api.json<{ id: string }>('/api/v1/question-pools', { body: { name: 'Base pool', questions: [{ code: 'nps', type: 'nps', text: all('Recommend us?') }] } })).id;
    ids.policy = (await api.json<{ id: string }>('/api/v1/survey-policies', { body: { name: 'Base policy', integralMetric: 'nps', poolId: ids.pool } })).id;
    ids.point = (await api.json<{ id: string }>('/api/v1/points', { body: { code: 'base-point', name: 'Base' } })).id;
    // Three incidents from three customers with one reason at one point make a problem.
    const integration = api.as(keys.integration);
    for (let i = 0; i < 3; i++) {
      const incident = await integration.json<{ id: string }>('/api/v1/incidents', { body: incidentReport({ pointOfService: 'base-point', phone: `+380 67 765 43 2${i}` }) });
      ids.incident ||= incident.id;
    }
    ids.problem = (await api.json<{ items: { id: string }[] }>('/api/v1/problems')).items[0].id;
    ids.person = (await api.json<{ user: { id: string } }>('/api/v1/users', { body: { email: 'base-person@example.com', displayName: 'Base', role: 'viewer' } })).user.id;
    const session = await fetch(`${t.url}/chat/api/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ locale: 'en' }) });
    ids.session = ((await session.json()) as { session: string }).session;
    const doc = (await (await fetch(`${t.url}/docs-json`)).json()) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).filter(([, op]) => op.requestBody).map(([m]) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
    );
  });
  afterAll(() => t.close());

  let serial = 0;
  const unique = (prefix: string) => `${prefix}-${++serial}`;

  const CASES: MassAssignmentCase[] = [
    { route: 'POST /api/v1/api-keys', path: () => '/api/v1/api-keys', key: () => keys.admin, body: () => ({ name: unique('key'), role: 'viewer' }), extra: { ...EXTRA, keyHash: 'x', source: 'env', revokedAt: null }, ok: 201 },
    { route: 'POST /api/v1/question-pools', path: () => '/api/v1/question-pools', key: () => keys.admin, body: () => ({ name: unique('pool'), questions: [{ code: 'nps', type: 'nps', text: all('Recommend us?') }] }), extra: { ...EXTRA, version: 9, status: 'archived' }, ok: 201 },
    { route: 'POST /api/v1/question-pools/preview', path: () => '/api/v1/question-pools/preview', key: () => keys.admin, body: () => ({ locale: 'en', question: { code: 'nps', type: 'nps', text: all('Recommend us?') } }), extra: { ...EXTRA }, ok: 200 },
    { route: 'PATCH /api/v1/question-pools/:id', path: () => `/api/v1/question-pools/${ids.pool}`, key: () => keys.admin, body: () => ({ name: unique('pool') }), extra: { ...EXTRA, version: 9, status: 'archived' }, ok: 200 },
    { route: 'POST /api/v1/survey-policies', path: () => '/api/v1/survey-policies', key: () => keys.admin, body: () => ({ name: unique('policy'), integralMetric: 'nps', poolId: ids.pool }), extra: { ...EXTRA, version: 9, status: 'archived' }, ok: 201 },
    { route: 'PATCH /api/v1/survey-policies/:id', path: () => `/api/v1/survey-policies/${ids.policy}`, key: () => keys.admin, body: () => ({ samplingRate: 0.5 }), extra: { ...EXTRA, version: 9, status: 'archived' }, ok: 200 },
    { route: 'POST /api/v1/points', path: () => '/api/v1/points', key: () => keys.admin, body: () => ({ code: unique('point'), name: 'Point' }), extra: { ...EXTRA, archivedAt: null }, ok: 201 },
    { route: 'PATCH /api/v1/points/:id', path: () => `/api/v1/points/${ids.point}`, key: () => keys.admin, body: () => ({ name: unique('Point') }), extra: { ...EXTRA, archivedAt: null }, ok: 200 },
    {
      route: 'POST /api/v1/contacts',
      path: () => '/api/v1/contacts',
      key: () => keys.integration,
      body: () => ({ externalId: unique('call'), customer: { channel: 'webchat', address: unique('visitor') }, occurredAt: new Date().toISOString() }),
      extra: { ...EXTRA, decision: 'invited', customerId: '00000000-0000-4000-8000-000000000002' },
      ok: 201,
    },
    { route: 'POST /api/v1/incidents', path: () => '/api/v1/incidents', key: () => keys.integration, body: () => incidentReport(), extra: { ...EXTRA, status: 'closed', ownerKeyId: 'x', escalationLevel: 3 }, ok: 201 },
    { route: 'POST /api/v1/incidents/:id/transitions', path: () => `/api/v1/incidents/${ids.incident}/transitions`, key: () => keys.supervisor, body: () => ({ action: 'acknowledge' }), extra: { ...EXTRA, status: 'closed', actor: 'someone else' }, ok: 201 },
    { route: 'POST /api/v1/problems/:id/transitions', path: () => `/api/v1/problems/${ids.problem}/transitions`, key: () => keys.supervisor, body: () => ({ action: 'investigate', note: 'looking' }), extra: { ...EXTRA, status: 'fixed', actor: 'someone else' }, ok: 201 },
    { route: 'PUT /api/v1/standard', path: () => '/api/v1/standard', key: () => keys.admin, body: () => ({ ...readStandardFile(projectPath('config', 'standard.json')) }), extra: { ...EXTRA, version: 99 }, ok: 200 },
    {
      route: 'POST /api/v1/campaigns',
      path: () => '/api/v1/campaigns',
      key: () => keys.admin,
      body: () => ({ name: unique('wave'), policyId: ids.policy, size: 1, windowStart: new Date().toISOString(), windowEnd: new Date(Date.now() + 86_400_000).toISOString() }),
      extra: { ...EXTRA, status: 'cancelled', planned: 1000 },
      ok: 201,
    },
    { route: 'POST /api/v1/incidents/:id/owner', path: () => `/api/v1/incidents/${ids.incident}/owner`, key: () => keys.supervisor, body: () => ({ personId: null }), extra: { ...EXTRA, ownerName: 'x', version: 9 }, ok: 200 },
    { route: 'POST /api/v1/users', path: () => '/api/v1/users', key: () => keys.admin, body: () => ({ email: `${unique('person')}@example.com`, displayName: 'Person', role: 'viewer' }), extra: { ...EXTRA, status: 'active', passwordHash: 'x' }, ok: 201 },
    { route: 'PATCH /api/v1/users/:id', path: () => `/api/v1/users/${ids.person}`, key: () => keys.admin, body: () => ({ displayName: unique('Person') }), extra: { ...EXTRA, status: 'active', email: 'other@example.com' }, ok: 200 },
    // The public sign-in routes read the body before the token or password: a plain body gets the refusal of the unknown link or the wrong password.
    { route: 'POST /api/v1/auth/setup', path: () => '/api/v1/auth/setup', key: () => '', body: () => ({ token: 'not-the-setup-token', email: 'first@example.com', displayName: 'First', password: 'a-long-enough-password' }), extra: { ...EXTRA, role: 'admin' }, ok: 403 },
    { route: 'POST /api/v1/auth/login', path: () => '/api/v1/auth/login', key: () => '', body: () => ({ email: 'nobody@example.com', password: 'a-long-enough-password' }), extra: { ...EXTRA, role: 'admin' }, ok: 401 },
    { route: 'POST /api/v1/auth/invitations/:token', path: () => '/api/v1/auth/invitations/no-such-invitation', key: () => '', body: () => ({ password: 'a-long-enough-password' }), extra: { ...EXTRA, role: 'admin' }, ok: 404 },
    { route: 'POST /api/v1/auth/password-reset', path: () => '/api/v1/auth/password-reset', key: () => '', body: () => ({ email: 'nobody@example.com' }), extra: { ...EXTRA, role: 'admin' }, ok: 202 },
    { route: 'POST /api/v1/auth/password-reset/:token', path: () => '/api/v1/auth/password-reset/no-such-reset', key: () => '', body: () => ({ password: 'a-long-enough-password' }), extra: { ...EXTRA, role: 'admin' }, ok: 404 },
    { route: 'POST /chat/api/sessions', path: () => '/chat/api/sessions', key: () => '', body: () => ({ locale: 'en' }), extra: { ...EXTRA, customerId: 'x', channel: 'telegram' }, ok: 200 },
    {
      route: 'POST /chat/api/sessions/:token/inputs',
      path: () => `/chat/api/sessions/${ids.session}/inputs`,
      key: () => '',
      body: () => ({ id: unique('action-0000'), input: { kind: 'scale', value: 9 } }),
      // `id` is this body's own field (the action's idempotency key).
      extra: { createdAt: EXTRA.createdAt, state: EXTRA.state, customerId: 'x', at: '2020-01-01T00:00:00Z' },
      ok: 200,
    },
  ];

  const send = (path: string, key: string, method: string, body: unknown) =>
    fetch(`${t.url}${path}`, { method, headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) });

  it('covers every documented endpoint that takes a JSON body', () => {
    const covered = CASES.map((c) => c.route);
    const csv = ['POST /api/v1/imports/contacts', 'POST /api/v1/imports/responses']; // CSV: the next test
    expect(documented.filter((r) => !covered.includes(r) && !csv.includes(r))).toEqual([]);
  });

  it('refuses a body with fields the caller may not set (id, role, state, audit columns), naming them, and accepts it without them', async () => {
    const failures: string[] = [];
    let refusedNamingTheFields = 0;
    for (const c of CASES) {
      const [method] = c.route.split(' ');
      const refused = await send(c.path(), c.key(), method, { ...c.body(), ...c.extra });
      const message = ((await refused.json()) as { message?: string }).message ?? '';
      if (refused.status !== 400) failures.push(`${c.route}: extra fields answered ${refused.status} ${message}`);
      const unnamed = Object.keys(c.extra).filter((field) => !message.includes(field));
      if (unnamed.length > 0) failures.push(`${c.route}: the 400 does not name ${unnamed.join(', ')}: ${message}`);
      else if (refused.status === 400) refusedNamingTheFields++;
      const accepted = await send(c.path(), c.key(), method, c.body());
      if (accepted.status !== c.ok) failures.push(`${c.route}: the plain body answered ${accepted.status} ${await accepted.text()}`);
    }
    recordFigures('massAssignment', { jsonEndpoints: CASES.length, csvEndpoints: 2, refusedNamingTheFields, plainBodiesAccepted: CASES.length - failures.filter((f) => f.includes('plain body')).length, failures: failures.length });
    expect(failures).toEqual([]);
  });

  it('refuses a CSV import whose header has a column that is not a field, naming it', async () => {
    for (const [path, header] of [
      ['/api/v1/imports/contacts', 'externalId,channel,address,occurredAt,customerId'],
      ['/api/v1/imports/responses', 'responded_at,customer_id,channel,locale,agent,service_type,point_of_service,metric,score,id'],
    ] as const) {
      const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${keys.integration}` }, body: `${header}\n` });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(header.split(',').at(-1));
    }
  });

  it('refuses paging limits above the maximum, zero, negative or not whole numbers with 400 naming limit, and a forged cursor too', async () => {
    const doc = (await (await fetch(`${t.url}/docs-json`)).json()) as { paths: Record<string, { get?: { parameters?: { name: string; schema?: { maximum?: number } }[] } }> };
    const paged = Object.entries(doc.paths).flatMap(([path, ops]) => {
      const limit = ops.get?.parameters?.find((p) => p.name === 'limit');
      return limit ? [{ path, max: limit.schema?.maximum }] : [];
    });
    expect(paged.map((p) => p.path).sort()).toEqual(['/api/v1/audit', '/api/v1/deliveries', '/api/v1/incidents', '/api/v1/problems', '/api/v1/responses']);
    const failures: string[] = [];
    let cases = 0;
    for (const { path, max } of paged) {
      if (max === undefined) {
        failures.push(`${path}: limit has no documented maximum`);
        continue;
      }
      const atMax = await api.call(`${path}?limit=${max}`);
      cases++;
      if (atMax.status !== 200) failures.push(`${path}?limit=${max}: ${atMax.status}`);
      for (const bad of [String(max + 1), '100000000', '0', '-1', '1.5', 'abc', '1e3', '']) {
        const res = await api.call(`${path}?limit=${encodeURIComponent(bad)}`);
        const message = ((await res.json()) as { message?: string }).message ?? '';
        cases++;
        if (res.status !== 400 || !message.includes('limit')) failures.push(`${path}?limit=${bad}: ${res.status} ${message}`);
      }
      const forged = await api.call(`${path}?cursor=${encodeURIComponent('not-a-cursor!')}`);
      cases++;
      if (forged.status !== 400) failures.push(`${path}?cursor=forged: ${forged.status}`);
    }
    recordFigures('paging', { pagedEndpoints: paged.length, cases, failures: failures.length, overMaximum: '400 (never clamped)' });
    expect(failures).toEqual([]);
  });

  it('refuses a JSON or form body over 1 MB with 413 and a message on every route that takes a body, before any key is checked', async () => {
    const routes = mountedRoutes(t.app).filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method));
    expect(routes.length).toBeGreaterThan(documented.length);
    const big = 1024 * 1024 + 1;
    const json = JSON.stringify({ text: 'x'.repeat(big) });
    const form = `text=${'x'.repeat(big)}`;
    const failures: string[] = [];
    let cases = 0;
    for (const route of routes) {
      const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => (name === 'token' ? ids.session : '00000000-0000-4000-8000-000000000000'));
      for (const [type, body] of [['application/json', json], ['application/x-www-form-urlencoded', form]]) {
        // Without a key: a body too large is refused before anything reads it.
        const res = await fetch(`${t.url}${path}`, { method: route.method, headers: { 'Content-Type': type }, body });
        const text = await res.text();
        cases++;
        if (res.status !== 413 || !text.includes('larger than 1mb')) failures.push(`${routeName(route)} ${type}: ${res.status} ${text.slice(0, 200)}`);
      }
    }
    recordFigures('bodySize', { routes: routes.length, cases, failures: failures.length, jsonAndFormLimit: '1 MB', csvLimits: { contacts: '200 MB', responses: '100 MB' } });
    expect(failures).toEqual([]);
  });

  it('refuses a CSV import that declares more than its own larger limit with 413 at once, before reading the file', async () => {
    const MB = 1024 * 1024;
    for (const [path, header, limitMb] of [
      ['/api/v1/imports/responses', 'responded_at,customer_id,channel,locale,agent,service_type,point_of_service,metric,score', 100],
      ['/api/v1/imports/contacts', 'externalId,channel,address,occurredAt', 200],
    ] as const) {
      const result = await uploadCsv(`${t.url}${path}`, keys.integration, { header, totalBytes: 2 * MB, declare: limitMb * MB + 1 });
      expect(result).toMatchObject({ status: 413, message: `The CSV is larger than ${limitMb} MB; split it into several imports` });
    }
    // A file just within the limit is read as usual (here: a header and nothing else).
    const within = await uploadCsv(`${t.url}/api/v1/imports/contacts`, keys.integration, { header: 'externalId,channel,address,occurredAt', totalBytes: 1 });
    expect(within.status).toBe(200);
  });
});
