import { apiCall, type ApiCallInit, startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { ADMIN, type ConsoleBrowser, firstAdmin } from '../support/people';
import { type Platforms, startPlatforms } from '../support/platforms';

const all = (text: string) => ({ uk: `uk ${text}`, ru: `ru ${text}`, en: text });
const QUESTIONS = [
  { code: 'nps', type: 'nps', text: all('Would you recommend us?') },
  { code: 'kind', type: 'likert', factor: 'empathy', text: all('People were kind') },
];
const PLATFORMS = { telegram: { token: '7000000041:AAHaudit-token', secret: 'audit-secret' } };

interface Entry {
  id: string;
  occurredAt: string;
  actor: { kind: string; personId: string | null; apiKeyId: string | null; label: string };
  subject: { kind: string; id: string; label: string };
  action: string;
  changes: Record<string, { before: unknown; after: unknown }>;
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
}

describe(`configuration audit (${databaseKind})`, () => {
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let admin: ConsoleBrowser;
  let adminPersonId: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    t = await startTestApp({ env: platforms.env });
    admin = await firstAdmin(t);
    adminPersonId = (await admin.call<{ id: string }>('/api/v1/me')).body.id;
    secrets.push(ADMIN.password);
  });
  afterAll(async () => {
    await t.close();
    await platforms.close();
  });

  const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);
  async function json<T>(path: string, init?: ApiCallInit, status = 200): Promise<T> {
    const res = await call(path, init);
    expect(res.status).toBe(status);
    return (await res.json()) as T;
  }
  /** As the signed-in admin (a person), expecting `status`. */
  async function asPerson<T>(path: string, init: { method?: string; body?: unknown }, status: number): Promise<T> {
    const answer = await admin.call<T>(path, init);
    expect(answer.status).toBe(status);
    return answer.body;
  }
  const history = async (kind: string, id: string) => (await json<Page>(`/api/v1/audit?subjectKind=${kind}&subjectId=${id}`)).items;
  const newest = async () => (await json<Page>('/api/v1/audit?limit=1')).items[0];
  const byKey = { kind: 'api_key', personId: null, label: 'ADMIN_API_KEY' };
  const byPerson = () => ({ kind: 'person', personId: adminPersonId, apiKeyId: null, label: ADMIN.displayName });

  it('records changes to pools and policies with who, the action and each field before and after', async () => {
    const pool = await asPerson<{ id: string }>('/api/v1/question-pools', { method: 'POST', body: { name: 'Audit pool', questions: QUESTIONS } }, 201);
    await json(`/api/v1/question-pools/${pool.id}`, { method: 'PATCH', body: { name: 'Audit pool, renamed' } });
    await asPerson(`/api/v1/question-pools/${pool.id}`, { method: 'DELETE' }, 200);
    const [archived, renamed, created] = await history('question_pool', pool.id);
    expect(created).toMatchObject({ action: 'created', actor: byPerson(), subject: { kind: 'question_pool', id: pool.id, label: 'Audit pool' } });
    expect(created.changes).toMatchObject({ name: { before: null, after: 'Audit pool' }, questions: { before: null, after: QUESTIONS }, status: { before: null, after: 'active' } });
    expect(renamed).toMatchObject({ action: 'changed', actor: byKey, changes: { name: { before: 'Audit pool', after: 'Audit pool, renamed' } } });
    expect(Object.keys(renamed.changes)).toEqual(['name']);
    expect(renamed.actor.apiKeyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(archived).toMatchObject({ action: 'archived', actor: byPerson(), changes: { status: { before: 'active', after: 'archived' } } });

    const [policy] = await json<{ id: string; cooldownDays: number }[]>('/api/v1/survey-policies');
    await asPerson(`/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', body: { cooldownDays: policy.cooldownDays + 1 } }, 200);
    const [changed, seeded] = await history('survey_policy', policy.id);
    expect(changed).toMatchObject({ action: 'changed', actor: byPerson(), changes: { cooldownDays: { before: policy.cooldownDays, after: policy.cooldownDays + 1 } } });
    expect(seeded).toMatchObject({ action: 'created', actor: { kind: 'system', personId: null, apiKeyId: null, label: 'config/' } });
    // A change that changes nothing is no entry.
    await json(`/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', body: { cooldownDays: policy.cooldownDays + 1 } });
    expect(await history('survey_policy', policy.id)).toHaveLength(2);
  });

  it('records the standard, points, campaigns, API keys and people', async () => {
    const standard = await json<{ version: number; events: Record<string, { tasks: Record<string, string>[] }> }>('/api/v1/standard');
    const table = structuredClone({ events: standard.events });
    table.events.detractor.tasks[0].en = 'Call the customer back today';
    const published = await json<{ version: number }>('/api/v1/standard', { method: 'PUT', body: table });
    const [publication] = await history('service_standard', String(published.version));
    expect(publication).toMatchObject({ action: 'published', actor: byKey, subject: { label: `version ${published.version}` } });
    expect(Object.keys(publication.changes)).toEqual(['events.detractor']);
    expect(publication.changes['events.detractor'].after).toEqual(table.events.detractor);

    const point = await asPerson<{ id: string }>('/api/v1/points', { method: 'POST', body: { code: 'audit-1', name: 'Audit street 1' } }, 201);
    await json(`/api/v1/points/${point.id}`, { method: 'PATCH', body: { name: 'Audit street 2' } });
    expect((await call(`/api/v1/points/${point.id}`, { method: 'DELETE' })).status).toBe(204);
    const [removed, renamed, created] = await history('point', point.id);
    expect(created).toMatchObject({ action: 'created', actor: byPerson(), subject: { label: 'Audit street 1 (audit-1)' }, changes: { code: { before: null, after: 'audit-1' } } });
    expect(renamed).toMatchObject({ action: 'changed', actor: byKey, changes: { name: { before: 'Audit street 1', after: 'Audit street 2' } } });
    expect(removed).toMatchObject({ action: 'removed', changes: { name: { before: 'Audit street 2', after: null } } });

    const [policy] = await json<{ id: string }[]>('/api/v1/survey-policies');
    const windowEnd = new Date(Date.now() + 86_400_000).toISOString();
    const campaign = await json<{ id: string }>('/api/v1/campaigns', { method: 'POST', body: { name: 'Audit wave', policyId: policy.id, windowStart: new Date().toISOString(), windowEnd, share: 1 } }, 201);
    await asPerson(`/api/v1/campaigns/${campaign.id}/cancel`, { method: 'POST' }, 200);
    const [cancelled, started] = await history('campaign', campaign.id);
    expect(started).toMatchObject({ action: 'created', actor: byKey, changes: { name: { before: null, after: 'Audit wave' }, requestedShare: { before: null, after: 1 } } });
    expect(cancelled).toMatchObject({ action: 'cancelled', actor: byPerson(), changes: { status: { before: 'active', after: 'cancelled' } } });

    const key = await asPerson<{ id: string; key: string }>('/api/v1/api-keys', { method: 'POST', body: { name: 'CRM', role: 'integration' } }, 201);
    secrets.push(key.key);
    await json(`/api/v1/api-keys/${key.id}`, { method: 'DELETE' });
    const [revoked, made] = await history('api_key', key.id);
    expect(made).toMatchObject({ action: 'created', actor: byPerson(), changes: { name: { before: null, after: 'CRM' }, role: { before: null, after: 'integration' } } });
    expect(revoked).toMatchObject({ action: 'revoked', actor: byKey, changes: { revokedAt: { before: null } } });
    expect(Object.keys(revoked.changes)).toEqual(['revokedAt']);

    const invited = await asPerson<{ user: { id: string }; inviteUrl: string }>('/api/v1/users', { method: 'POST', body: { email: 'sam@example.com', displayName: 'Sam Supervisor', role: 'supervisor' } }, 201);
    secrets.push(invited.inviteUrl.split('/').pop()!);
    await json(`/api/v1/users/${invited.user.id}`, { method: 'PATCH', body: { role: 'viewer' } });
    await asPerson(`/api/v1/users/${invited.user.id}`, { method: 'DELETE' }, 204);
    const [deactivated, demoted, invitation] = await history('person', invited.user.id);
    expect(invitation).toMatchObject({ action: 'created', actor: byPerson(), subject: { label: 'Sam Supervisor' }, changes: { role: { before: null, after: 'supervisor' }, status: { before: null, after: 'invited' } } });
    expect(demoted).toMatchObject({ action: 'changed', actor: byKey, changes: { role: { before: 'supervisor', after: 'viewer' } } });
    expect(deactivated).toMatchObject({ action: 'deactivated', actor: byPerson(), changes: { status: { before: 'invited', after: 'deactivated' } } });
  });

  it('never stores a secret: no key, hash, fingerprint, token or password', async () => {
    const every = JSON.stringify(await json<Page>('/api/v1/audit?limit=200'));
    expect(secrets).toHaveLength(3);
    for (const secret of secrets) expect(every).not.toContain(secret);
    expect(every).not.toMatch(/fingerprint|keyHash|passwordHash|"key"|fp:/i);
  });

  it('writes no entry for a refused change', async () => {
    const before = await newest();
    const [policy] = await json<{ id: string }[]>('/api/v1/survey-policies');
    expect((await call(`/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', body: { cooldownDays: -1 } })).status).toBe(400);
    expect((await call('/api/v1/points', { method: 'POST', body: { code: 'dup-1', name: 'One' } })).status).toBe(201);
    const afterCreate = await newest();
    expect((await call('/api/v1/points', { method: 'POST', body: { code: 'dup-1', name: 'Two' } })).status).toBe(409);
    expect((await call('/api/v1/standard', { method: 'PUT', body: { events: {} } })).status).toBe(400);
    expect((await call(`/api/v1/users/${adminPersonId}`, { method: 'PATCH', body: { role: 'viewer' } })).status).toBe(409);
    expect(await newest()).toEqual(afterCreate);
    expect(afterCreate.id).not.toBe(before.id);
    expect(await history('survey_policy', policy.id)).toHaveLength(2);
  });

  it('pages newest first with a cursor, and filters by kind and time', async () => {
    const whole = (await json<Page>('/api/v1/audit?limit=200')).items;
    expect(whole.length).toBeGreaterThan(15);
    const paged: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await json<Page>(`/api/v1/audit?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(7);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    const times = whole.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const points = (await json<Page>('/api/v1/audit?subjectKind=point&limit=200')).items;
    expect(new Set(points.map((e) => e.subject.kind))).toEqual(new Set(['point']));
    expect(points.length).toBe(whole.filter((e) => e.subject.kind === 'point').length);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await json<Page>(`/api/v1/audit?from=${tomorrow}`)).items).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await json<Page>(`/api/v1/audit?from=${today}&to=${today}&limit=200`)).items.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    expect((await call(`/api/v1/audit?from=${tomorrow}&to=${today}`)).status).toBe(400);
    expect((await call('/api/v1/audit?subjectKind=pool')).status).toBe(400);
    expect((await call('/api/v1/audit?cursor=not-a-cursor')).status).toBe(400);
  });
});
