import { DataSource } from 'typeorm';
import { Api } from '../support/incidents-api';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

const all = (text: string) => ({ uk: text, ru: text, en: text });

interface Problem {
  message: string;
  errors: { field: string }[];
}
interface PoolJson {
  id: string;
  version: number;
  questions: { code: string; text: Record<string, string> }[];
}
interface PolicyJson {
  id: string;
  version: number;
  samplingRate: number;
}
interface StandardJson {
  version: number;
  events: { detractor: { actions: { phrases: { en: string[] } }[] } };
}

// What an admin tool does: read a resource, change what it means to change, send the whole of it back.
describe(`GET → edit → PUT/PATCH round trips (${databaseKind})`, () => {
  let t: TestApp;
  let api: Api;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.url);
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const send = async <T>(method: string, path: string, body: unknown, status: number): Promise<T> => {
    const res = await api.call(path, { method, body });
    const json = (await res.json()) as T;
    if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const rows = async (sql: string, parameters: unknown[] = []) => Number((await db.query<{ n: string }[]>(sql, parameters))[0].n);

  describe('a question pool', () => {
    let pool: PoolJson;
    const versions = () => rows('SELECT count(*) AS n FROM "question_pool_version" WHERE "pool_id" = $1', [pool.id]);

    beforeAll(async () => {
      const created = await api.json<PoolJson>('/api/v1/question-pools', { body: { name: 'Round trip pool', questions: [{ code: 'nps', type: 'nps', text: all('Recommend us?') }] } });
      pool = await api.json<PoolJson>(`/api/v1/question-pools/${created.id}`);
    });

    it('takes back what GET returned, unchanged, as no new version', async () => {
      const same = await send<PoolJson>('PATCH', `/api/v1/question-pools/${pool.id}`, pool, 200);
      expect(same.version).toBe(pool.version);
      expect(await versions()).toBe(1);
    });

    it('takes back what GET returned with one text changed as a new version', async () => {
      const edited = structuredClone(pool);
      edited.questions[0].text.en = 'Would you recommend us to a friend?';
      const saved = await send<PoolJson>('PATCH', `/api/v1/question-pools/${pool.id}`, edited, 200);
      expect(saved.version).toBe(pool.version + 1);
      expect(saved.questions[0].text.en).toBe('Would you recommend us to a friend?');
      expect(await versions()).toBe(2);
      pool = saved;
    });

    it('refuses a changed id or version, naming it, and changes nothing', async () => {
      const other = await send<Problem>('PATCH', `/api/v1/question-pools/${pool.id}`, { ...pool, id: '00000000-0000-4000-8000-000000000001', name: 'Renamed' }, 400);
      expect(other.errors.map((e) => e.field)).toEqual(['id']);
      expect(other.message).toMatch(/^id: is read-only/);
      const stale = await send<Problem>('PATCH', `/api/v1/question-pools/${pool.id}`, { ...pool, version: pool.version - 1 }, 400);
      expect(stale.errors.map((e) => e.field)).toEqual(['version']);
      expect(await api.json<PoolJson & { name: string }>(`/api/v1/question-pools/${pool.id}`)).toMatchObject({ name: 'Round trip pool', version: pool.version });
    });
  });

  describe('a survey policy', () => {
    let policy: PolicyJson;

    beforeAll(async () => {
      const poolId = (await api.json<PoolJson>('/api/v1/question-pools', { body: { name: 'Policy pool', questions: [{ code: 'nps', type: 'nps', text: all('Recommend us?') }] } })).id;
      const created = await api.json<PolicyJson>('/api/v1/survey-policies', { body: { name: 'Round trip policy', integralMetric: 'nps', poolId, serviceTypes: ['round-trip'] } });
      policy = await api.json<PolicyJson>(`/api/v1/survey-policies/${created.id}`);
    });

    it('takes back what GET returned, unchanged, as the same version', async () => {
      const same = await send<PolicyJson>('PATCH', `/api/v1/survey-policies/${policy.id}`, policy, 200);
      expect(same).toEqual(policy);
    });

    it('takes back what GET returned with one setting changed as the next version', async () => {
      const saved = await send<PolicyJson>('PATCH', `/api/v1/survey-policies/${policy.id}`, { ...policy, samplingRate: 0.5 }, 200);
      expect(saved).toMatchObject({ samplingRate: 0.5, version: policy.version + 1 });
      policy = saved;
    });

    it('refuses a changed id, naming it', async () => {
      const refused = await send<Problem>('PATCH', `/api/v1/survey-policies/${policy.id}`, { ...policy, id: '00000000-0000-4000-8000-000000000001' }, 400);
      expect(refused.errors.map((e) => e.field)).toEqual(['id']);
      expect((await api.json<PolicyJson>(`/api/v1/survey-policies/${policy.id}`)).version).toBe(policy.version);
    });
  });

  describe('the service standard', () => {
    const versions = () => rows('SELECT count(*) AS n FROM "standard_version"');

    it('takes back what GET returned, unchanged, as no new version', async () => {
      const current = await api.json<StandardJson>('/api/v1/standard');
      const before = await versions();
      const same = await send<StandardJson>('PUT', '/api/v1/standard', current, 200);
      expect(same).toEqual(current);
      expect(await versions()).toBe(before);
    });

    it('takes back what GET returned with one phrase changed as a new version', async () => {
      const current = await api.json<StandardJson>('/api/v1/standard');
      const edited = structuredClone(current);
      edited.events.detractor.actions[0].phrases.en = ['We are sorry, truly.', 'That should not have happened.'];
      const saved = await send<StandardJson>('PUT', '/api/v1/standard', edited, 200);
      expect(saved.version).toBe(current.version + 1);
      expect(saved.events.detractor.actions[0].phrases.en).toEqual(['We are sorry, truly.', 'That should not have happened.']);
    });

    it('refuses a changed version, naming it, and publishes nothing', async () => {
      const current = await api.json<StandardJson>('/api/v1/standard');
      const before = await versions();
      const edited = structuredClone(current);
      edited.events.detractor.actions[0].phrases.en = ['Another apology.', 'And one more.'];
      const refused = await send<Problem>('PUT', '/api/v1/standard', { ...edited, version: current.version + 5 }, 400);
      expect(refused.errors.map((e) => e.field)).toEqual(['version']);
      expect(await versions()).toBe(before);
    });
  });
});
