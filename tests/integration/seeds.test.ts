import { DataSource } from 'typeorm';
import { bearer, startTestApp, TEST_ADMIN_KEY } from '../support/test-app';
import { databaseKind, openTestDatabase } from '../support/test-database';

describe(`default pool and policy from config/ (${databaseKind})`, () => {
  it('are seeded on the first start only, and an admin\'s edit survives a restart', async () => {
    const database = await openTestDatabase();
    const first = await startTestApp({ database });
    const headers = { 'Content-Type': 'application/json', ...bearer(TEST_ADMIN_KEY) };
    const pools = (await (await fetch(`${first.url}/api/v1/question-pools`, { headers })).json()) as { id: string; name: string; questions: { code: string; type: string }[] }[];
    expect(pools).toHaveLength(1);
    const [pool] = pools;
    expect(pool.name).toBe('Post-contact');
    expect(pool.questions.map((q) => q.type).sort()).toEqual(
      ['ces', 'contact', 'csat', 'free_text', 'likert', 'likert', 'likert', 'likert', 'likert', 'nps', 'single_choice'].sort(),
    );
    const [policy] = (await (await fetch(`${first.url}/api/v1/survey-policies`, { headers })).json()) as { id: string; maxQuestions: number }[];
    const edit = await fetch(`${first.url}/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', headers, body: JSON.stringify({ maxQuestions: 4 }) });
    expect(edit.status).toBe(200);
    expect(first.logs.text()).toContain('Seeded the question pool \\"Post-contact\\" from config/pools/post-contact.json');
    await first.close({ closeDatabase: false });

    const second = await startTestApp({ database });
    try {
      expect(second.logs.text()).not.toContain('Seeded');
      const db = second.app.get(DataSource);
      expect(await db.query('SELECT count(*)::int AS n FROM question_pool')).toEqual([{ n: 1 }]);
      expect(await db.query('SELECT name, max_questions FROM survey_policy')).toEqual([{ name: 'Post-contact survey', max_questions: 4 }]);
    } finally {
      await second.close();
    }
  });
});
