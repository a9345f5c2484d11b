import { DataSource } from 'typeorm';
import { SurveyPolicyService } from '@turbota/survey-config';
import { bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { databaseKind, openTestDatabase } from '../support/test-database';

const headers = { 'Content-Type': 'application/json', ...bearer(TEST_ADMIN_KEY) };

interface Pool {
  id: string;
  name: string;
  description: string;
  version: number;
  questions: { code: string; type: string }[];
}
interface Policy {
  id: string;
  name: string;
  status: string;
  poolId: string;
  maxQuestions: number;
}

async function call<T>(t: TestApp, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${t.url}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  if (res.status >= 300) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const seededLines = (t: TestApp) =>
  t.logs
    .entries()
    .map((e) => String(e.msg))
    .filter((msg) => msg.startsWith('Seeded'));

describe(`default pool, policy and service standard from config/ (${databaseKind})`, () => {
  it("are seeded on the first start only: an admin's edit survives restarts, and an archived default stays archived", async () => {
    const database = await openTestDatabase();

    const first = await startTestApp({ database });
    const [pool] = await call<Pool[]>(first, '/api/v1/question-pools');
    const [policy] = await call<Policy[]>(first, '/api/v1/survey-policies');
    try {
      expect(seededLines(first)).toEqual([
        'Seeded the question pool "Post-contact" from config/pools/post-contact.json',
        'Seeded the survey policy "Post-contact survey" from config/policies/default.json',
        'Seeded version 1 of the service standard from config/standard.json',
      ]);
      expect(pool).toMatchObject({ name: 'Post-contact', version: 1 });
      expect(pool.questions.map((q) => q.code)).toEqual(
        ['nps', 'ces', 'csat', 'tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy', 'reason', 'improvement', 'contact'],
      );
      expect(await call(first, `/api/v1/survey-policies/${policy.id}`)).toMatchObject({
        name: 'Post-contact survey',
        status: 'active',
        poolId: pool.id,
        serviceTypes: [],
        integralMetric: 'nps',
        maxQuestions: 2,
        samplingRate: 1,
        cooldownDays: 30,
        quietHours: { start: '21:00', end: '09:00', timeZone: 'Europe/Kyiv' },
        answerTimeoutMinutes: 1440,
        reasonQuestion: 'reason',
        improvementQuestion: 'improvement',
        contactQuestion: 'contact',
        reviewUrl: null,
      });
      await call(first, `/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', body: { maxQuestions: 4 } });
      await call(first, `/api/v1/question-pools/${pool.id}`, { method: 'PATCH', body: { name: 'After contact', questions: pool.questions.filter((q) => q.code !== 'tangibles') } });
    } finally {
      await first.close({ closeDatabase: false });
    }

    const second = await startTestApp({ database });
    try {
      expect(seededLines(second)).toEqual([]);
      expect(await call<Pool[]>(second, '/api/v1/question-pools?includeArchived=true')).toEqual([expect.objectContaining({ id: pool.id, name: 'After contact', version: 2 })]);
      expect(await call<Policy[]>(second, '/api/v1/survey-policies?includeArchived=true')).toEqual([expect.objectContaining({ id: policy.id, maxQuestions: 4 })]);
      await call(second, `/api/v1/survey-policies/${policy.id}`, { method: 'DELETE' });
    } finally {
      await second.close({ closeDatabase: false });
    }

    const third = await startTestApp({ database });
    try {
      expect(seededLines(third)).toEqual([]);
      expect(await third.app.get(DataSource).query('SELECT name, status FROM survey_policy')).toEqual([{ name: 'Post-contact survey', status: 'archived' }]);
      expect(await third.app.get(SurveyPolicyService).policyFor(null)).toBeNull();
    } finally {
      await third.close();
    }
  });

  it('are what policyFor() falls back to: a service type with its own policy gets that one, the newest edited when two list it', async () => {
    const t = await startTestApp();
    try {
      const policies = t.app.get(SurveyPolicyService);
      const [pool] = await call<Pool[]>(t, '/api/v1/question-pools');
      const create = (name: string, serviceTypes: string[]) =>
        call<Policy>(t, '/api/v1/survey-policies', { method: 'POST', body: { name, serviceTypes, integralMetric: 'ces', poolId: pool.id } });
      const loans = await create('Loans', ['loan', 'mortgage']);
      expect((await policies.policyFor('loan'))?.name).toBe('Loans');
      expect((await policies.policyFor('mortgage'))?.name).toBe('Loans');
      expect((await policies.policyFor('deposit'))?.name).toBe('Post-contact survey');
      expect((await policies.policyFor(null))?.name).toBe('Post-contact survey');
      expect((await policies.policyFor(undefined))?.name).toBe('Post-contact survey');

      await create('Loans, new', ['loan']);
      expect((await policies.policyFor('loan'))?.name).toBe('Loans, new');
      await call(t, `/api/v1/survey-policies/${loans.id}`, { method: 'PATCH', body: { samplingRate: 0.5 } });
      expect((await policies.policyFor('loan'))?.name).toBe('Loans');

      const db = t.app.get(DataSource);
      const inTransaction = await db.transaction((tx) => policies.policyFor('mortgage', tx));
      expect(inTransaction?.name).toBe('Loans');
    } finally {
      await t.close();
    }
  });

  // Only a server has several sessions; the embedded database is owned by one process.
  (process.env.TEST_DATABASE_URL ? it : it.skip)('are seeded once when several processes start at once', async () => {
    const database = await openTestDatabase();
    // Every app that did start is closed, so a failed start is reported rather than left hanging.
    const starts = await Promise.allSettled([1, 2, 3].map(() => startTestApp({ database })));
    const apps = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    try {
      expect(starts.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []))).toEqual([]);
      expect(apps.flatMap(seededLines)).toHaveLength(3);
      const db = apps[0].app.get(DataSource);
      expect(await db.query('SELECT count(*)::int AS n FROM question_pool')).toEqual([{ n: 1 }]);
      expect(await db.query('SELECT count(*)::int AS n FROM survey_policy')).toEqual([{ n: 1 }]);
      expect(await db.query('SELECT count(*)::int AS n FROM standard_version')).toEqual([{ n: 1 }]);
    } finally {
      for (const app of apps) await app.close({ closeDatabase: false });
      await database.close();
    }
  });
});
