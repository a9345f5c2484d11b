import { DataSource } from 'typeorm';
import { apiCall, type ApiCallInit, startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

const all = (text: string) => ({ uk: `uk ${text}`, ru: `ru ${text}`, en: text });
const questions = () => [
  { code: 'nps', type: 'nps', text: all('Would you recommend us?') },
  { code: 'why', type: 'single_choice', text: all('What went wrong?'), options: [{ code: 'slow', label: all('Slow'), factor: 'responsiveness' }, { code: 'rude', label: all('Rude'), factor: 'empathy' }] },
  { code: 'kind', type: 'likert', factor: 'empathy', text: all('People were kind') },
];

interface Pool {
  id: string;
  name: string;
  status: string;
  version: number;
  questions: { code: string; text: Record<string, string> }[];
}

describe(`question pools API (${databaseKind})`, () => {
  let t: TestApp;
  let viewerKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    const res = await call('/api/v1/api-keys', { method: 'POST', body: { name: 'reports', role: 'viewer' } });
    viewerKey = ((await res.json()) as { key: string }).key;
  });
  afterAll(() => t.close());

  const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);

  async function create(name: string): Promise<Pool> {
    const res = await call('/api/v1/question-pools', { method: 'POST', body: { name, questions: questions() } });
    expect(res.status).toBe(201);
    return (await res.json()) as Pool;
  }

  it('creates a pool at version 1 and reads it back, for an admin and a viewer', async () => {
    const pool = await create('Branches');
    expect(pool).toMatchObject({ name: 'Branches', status: 'active', version: 1, questions: questions() });
    const read = await call(`/api/v1/question-pools/${pool.id}`, { key: viewerKey });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: pool.id, version: 1 });
    const list = (await (await call('/api/v1/question-pools', { key: viewerKey })).json()) as Pool[];
    expect(list.map((p) => p.name).sort()).toEqual(['Branches', 'Post-contact']);
  });

  it('refuses a missing translation, naming the question and the locale', async () => {
    const broken = questions();
    broken[2].text = { uk: 'Були привітні', ru: '', en: 'People were kind' };
    const res = await call('/api/v1/question-pools', { method: 'POST', body: { name: 'Broken', questions: broken } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      message: 'questions[2].text.ru: Question "kind" has no text in ru',
      errors: [{ field: 'questions[2].text.ru', problems: ['Question "kind" has no text in ru'] }],
    });
  });

  it('refuses unknown fields, a bad id, an unknown pool and a duplicate name, each with a message', async () => {
    const extra = await call('/api/v1/question-pools', { method: 'POST', body: { name: 'X', questions: questions(), owner: 'me' } });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { message: string }).message).toBe('unknown field(s): owner');
    const badId = await call('/api/v1/question-pools/42');
    expect(badId.status).toBe(400);
    expect(((await badId.json()) as { message: string }).message).toBe('id must be a UUID');
    const unknown = await call('/api/v1/question-pools/0b6f0c2e-6a52-4c8e-9d43-3c1c4c1f6f10');
    expect(await unknown.json()).toMatchObject({ statusCode: 404, message: 'No question pool 0b6f0c2e-6a52-4c8e-9d43-3c1c4c1f6f10' });
    const badVersion = await call('/api/v1/question-pools/0b6f0c2e-6a52-4c8e-9d43-3c1c4c1f6f10/versions/first');
    expect(await badVersion.json()).toMatchObject({ statusCode: 400, message: 'version must be a whole number from 1 to 999999999' });
    // Past the database's integer column: a 400 as well, never the column's error.
    const hugeVersion = await call('/api/v1/question-pools/0b6f0c2e-6a52-4c8e-9d43-3c1c4c1f6f10/versions/99999999999999999999');
    expect(await hugeVersion.json()).toMatchObject({ statusCode: 400, message: 'version must be a whole number from 1 to 999999999' });
    const badField = await call('/api/v1/question-pools', { method: 'POST', body: { name: '', questions: [] } });
    expect(await badField.json()).toMatchObject({
      statusCode: 400,
      errors: [{ field: 'name', problems: ['name must not be empty'] }],
    });
    await create('Twice');
    const twice = await call('/api/v1/question-pools', { method: 'POST', body: { name: 'Twice', questions: questions() } });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { message: string }).message).toBe('A question pool named "Twice" exists already');
  });

  it('lets only an admin write', async () => {
    const pool = await create('Admin only');
    const writes = [
      call('/api/v1/question-pools', { method: 'POST', key: viewerKey, body: { name: 'Viewer pool', questions: questions() } }),
      call(`/api/v1/question-pools/${pool.id}`, { method: 'PATCH', key: viewerKey, body: { name: 'Renamed by a viewer' } }),
      call(`/api/v1/question-pools/${pool.id}`, { method: 'DELETE', key: viewerKey }),
    ];
    expect((await Promise.all(writes)).map((r) => r.status)).toEqual([403, 403, 403]);
    expect(await (await call(`/api/v1/question-pools/${pool.id}`, { key: viewerKey })).json()).toMatchObject({ name: 'Admin only', status: 'active' });
  });

  it('keeps every version: a change of questions is version 2, version 1 stays as answered', async () => {
    const pool = await create('Versioned');
    const changed = questions();
    changed[0].text = all('How likely are you to recommend us?');
    const updated = await call(`/api/v1/question-pools/${pool.id}`, { method: 'PATCH', body: { questions: changed, description: 'reworded' } });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ version: 2, description: 'reworded', questions: changed });
    const v1 = await call(`/api/v1/question-pools/${pool.id}/versions/1`, { key: viewerKey });
    expect(await v1.json()).toMatchObject({ poolId: pool.id, version: 1, questions: questions() });
    const v2 = (await (await call(`/api/v1/question-pools/${pool.id}/versions/2`)).json()) as Pool;
    expect(v2.questions[0].text.en).toBe('How likely are you to recommend us?');
    const renamedOnly = (await (await call(`/api/v1/question-pools/${pool.id}`, { method: 'PATCH', body: { name: 'Versioned pool' } })).json()) as Pool;
    expect(renamedOnly).toMatchObject({ name: 'Versioned pool', version: 2 });
    const same = (await (await call(`/api/v1/question-pools/${pool.id}`, { method: 'PATCH', body: { questions: changed } })).json()) as Pool;
    expect(same.version).toBe(2);
    expect((await call(`/api/v1/question-pools/${pool.id}/versions/3`)).status).toBe(404);
  });

  it('archives a pool no active policy uses, refuses one in use, and refuses edits to an archived one', async () => {
    const pool = await create('Archivable');
    const archived = await call(`/api/v1/question-pools/${pool.id}`, { method: 'DELETE' });
    expect(archived.status).toBe(200);
    expect(await archived.json()).toMatchObject({ status: 'archived' });
    const edit = await call(`/api/v1/question-pools/${pool.id}`, { method: 'PATCH', body: { name: 'Again' } });
    expect(edit.status).toBe(409);
    const listed = (await (await call('/api/v1/question-pools')).json()) as Pool[];
    expect(listed.map((p) => p.id)).not.toContain(pool.id);
    const withArchived = (await (await call('/api/v1/question-pools?includeArchived=true')).json()) as Pool[];
    expect(withArchived.map((p) => p.id)).toContain(pool.id);

    const [seeded] = (await (await call('/api/v1/question-pools')).json() as Pool[]).filter((p) => p.name === 'Post-contact');
    const inUse = await call(`/api/v1/question-pools/${seeded.id}`, { method: 'DELETE' });
    expect(inUse.status).toBe(409);
    expect(((await inUse.json()) as { message: string }).message).toBe('Question pool "Post-contact" is used by the active survey policies "Post-contact survey"');
  });

  it('refuses new questions that would break an active policy', async () => {
    const [seeded] = (await (await call('/api/v1/question-pools')).json() as Pool[]).filter((p) => p.name === 'Post-contact');
    const withoutReason = seeded.questions.filter((q) => q.code !== 'reason');
    const res = await call(`/api/v1/question-pools/${seeded.id}`, { method: 'PATCH', body: { questions: withoutReason } });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toContain('policy "Post-contact survey": The pool has no question "reason"');
    const db = t.app.get(DataSource);
    expect(await db.query(`SELECT max(version)::int AS v FROM question_pool_version WHERE pool_id = $1`, [seeded.id])).toEqual([{ v: 1 }]);
  });
});
