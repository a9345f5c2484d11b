import { SurveyPolicyService } from '@turbota/survey-config';
import { apiCall, type ApiCallInit, startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

interface Policy {
  id: string;
  name: string;
  status: string;
  version: number;
  poolId: string;
  samplingRate: number;
  serviceTypes: string[];
  cascade: unknown[];
}

describe(`survey policies API (${databaseKind})`, () => {
  let t: TestApp;
  let poolId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const pools = (await (await call('/api/v1/question-pools')).json()) as { id: string; name: string }[];
    poolId = pools.find((p) => p.name === 'Post-contact')!.id;
  });
  afterAll(() => t.close());

  const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);

  async function create(body: Record<string, unknown>): Promise<Policy> {
    const res = await call('/api/v1/survey-policies', { method: 'POST', body: { integralMetric: 'ces', poolId, ...body } });
    expect(res.status).toBe(201);
    return (await res.json()) as Policy;
  }

  it('creates a policy with the defaults a new one gets', async () => {
    const policy = await create({ name: 'Loans', serviceTypes: ['loan'] });
    expect(policy).toMatchObject({ name: 'Loans', status: 'active', version: 1, integralMetric: 'ces', maxQuestions: 3, samplingRate: 1, cooldownDays: 30, quietHours: null });
  });

  it('says which fields are wrong', async () => {
    const res = await call('/api/v1/survey-policies', {
      method: 'POST',
      body: { name: 'Bad', integralMetric: 'nps', poolId, samplingRate: 2, quietHours: { start: '9', end: '18:00', timeZone: 'Europe/Kyiv' }, reasonQuestion: 'improvement' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field).sort()).toEqual(['quietHours.start', 'samplingRate']);
    const wrongRole = await call('/api/v1/survey-policies', { method: 'POST', body: { name: 'Bad', integralMetric: 'nps', poolId, reasonQuestion: 'improvement' } });
    expect(await wrongRole.json()).toMatchObject({ message: 'reasonQuestion: Question "improvement" is free_text, not single_choice' });
    const noPool = await call('/api/v1/survey-policies', { method: 'POST', body: { name: 'Bad', integralMetric: 'nps', poolId: '0b6f0c2e-6a52-4c8e-9d43-3c1c4c1f6f10' } });
    expect(await noPool.json()).toMatchObject({ errors: [{ field: 'poolId' }] });
  });

  it('takes an invitation cascade, and refuses one that cannot work, saying why', async () => {
    const cascade = [{ channel: 'viber', waitMinutes: 30 }, { channel: 'sms' }];
    const policy = await create({ name: 'Cascade', serviceTypes: ['cascade'], answerTimeoutMinutes: 120, cascade });
    expect(policy).toMatchObject({ cascade, reminderAfterMinutes: null });
    expect((await create({ name: 'No cascade', serviceTypes: ['plain'] })).cascade).toEqual([]);

    const refusal = async (body: Record<string, unknown>) => {
      const res = await call('/api/v1/survey-policies', { method: 'POST', body: { name: 'Bad cascade', integralMetric: 'ces', poolId, answerTimeoutMinutes: 120, ...body } });
      expect(res.status).toBe(400);
      return ((await res.json()) as { errors: { field: string; problems: string[] }[] }).errors;
    };
    expect(await refusal({ cascade: [{ channel: 'sms', waitMinutes: 30 }, { channel: 'sms' }] })).toEqual([{ field: 'cascade.1.channel', problems: ['lists sms twice: each channel is tried once'] }]);
    expect(await refusal({ cascade: [{ channel: 'viber' }, { channel: 'sms', waitMinutes: 10 }] })).toEqual([
      { field: 'cascade.0.waitMinutes', problems: ['is required: the next step goes after this wait'] },
      { field: 'cascade.1.waitMinutes', problems: ['must be left out on the last step: it waits until answerTimeoutMinutes'] },
    ]);
    expect(await refusal({ cascade: [{ channel: 'viber', waitMinutes: 120 }, { channel: 'sms' }] })).toEqual([
      { field: 'cascade', problems: ['its waits must add up to less than answerTimeoutMinutes: the last step needs time to be answered'] },
    ]);
    expect(await refusal({ reminderAfterMinutes: 60, cascade })).toEqual([
      { field: 'reminderAfterMinutes', problems: ['must be null when a cascade is set: a cascade reminds by its next channel'] },
    ]);
    // A change is checked laid over the policy: a reminder added to it is refused, the cascade stays.
    const changed = await call(`/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', body: { reminderAfterMinutes: 60 } });
    expect(changed.status).toBe(400);
    const cleared = await call(`/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', body: { cascade: [] } });
    expect(await cleared.json()).toMatchObject({ cascade: [] });
  });

  it('changes only the fields given, and refuses a stale If-Match with 412', async () => {
    const policy = await create({ name: 'Cards', serviceTypes: ['card'] });
    const changed = await call(`/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', body: { samplingRate: 0.2 }, headers: { 'If-Match': '"1"' } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ samplingRate: 0.2, serviceTypes: ['card'], version: 2 });
    const stale = await call(`/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', body: { samplingRate: 0.5 }, headers: { 'If-Match': '1' } });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { message: string }).message).toMatch(/is at version 2, not 1/);
    const badHeader = await call(`/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', body: {}, headers: { 'If-Match': 'latest' } });
    expect(badHeader.status).toBe(400);
    const unknownField = await call(`/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', body: { sampling: 1 } });
    expect(((await unknownField.json()) as { message: string }).message).toBe('unknown field(s): sampling');
    const current = await call(`/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', body: { cooldownDays: 7 }, headers: { 'If-Match': '2' } });
    expect(await current.json()).toMatchObject({ samplingRate: 0.2, cooldownDays: 7, version: 3 });
  });

  it('checks a change against the pool again, and keeps the policy as it was when refused', async () => {
    const policy = await create({ name: 'Deposits', serviceTypes: ['deposit'] });
    const res = await call(`/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', body: { reasonQuestion: 'improvement', samplingRate: 0.5 } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: 'reasonQuestion: Question "improvement" is free_text, not single_choice', errors: [{ field: 'reasonQuestion' }] });
    expect(await (await call(`/api/v1/survey-policies/${policy.id}`)).json()).toMatchObject({ samplingRate: 1, reasonQuestion: null, version: 1 });
  });

  it('answers 400 for an id that is not a UUID, 404 for an unknown one, 409 for a name in use', async () => {
    expect(await (await call('/api/v1/survey-policies/42')).json()).toMatchObject({ statusCode: 400, message: 'id must be a UUID' });
    const unknown = await call('/api/v1/survey-policies/0b6f0c2e-6a52-4c8e-9d43-3c1c4c1f6f10', { method: 'PATCH', body: { samplingRate: 0.5 } });
    expect(await unknown.json()).toMatchObject({ statusCode: 404, message: 'No survey policy 0b6f0c2e-6a52-4c8e-9d43-3c1c4c1f6f10' });
    const taken = await call('/api/v1/survey-policies', { method: 'POST', body: { name: 'Post-contact survey', integralMetric: 'nps', poolId } });
    expect(await taken.json()).toMatchObject({ statusCode: 409, message: 'A survey policy named "Post-contact survey" exists already' });
    const other = await create({ name: 'Savings', serviceTypes: ['savings'] });
    const renamed = await call(`/api/v1/survey-policies/${other.id}`, { method: 'PATCH', body: { name: 'Post-contact survey' } });
    expect(await renamed.json()).toMatchObject({ statusCode: 409, message: 'A survey policy named "Post-contact survey" exists already' });
  });

  it('refuses a pool that is archived', async () => {
    const all = (text: string) => ({ uk: text, ru: text, en: text });
    const created = await call('/api/v1/question-pools', { method: 'POST', body: { name: 'Old branch pool', questions: [{ code: 'ces', type: 'ces', text: all('Easy?') }] } });
    const pool = (await created.json()) as { id: string };
    expect((await call(`/api/v1/question-pools/${pool.id}`, { method: 'DELETE' })).status).toBe(200);
    const res = await call('/api/v1/survey-policies', { method: 'POST', body: { name: 'Branches', integralMetric: 'ces', poolId: pool.id } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'poolId', problems: ['Question pool "Old branch pool" is archived'] }] });
  });

  it('lets a viewer read policies but not write them', async () => {
    const created = await call('/api/v1/api-keys', { method: 'POST', body: { name: 'reports', role: 'viewer' } });
    const { key } = (await created.json()) as { key: string };
    const listed = await call('/api/v1/survey-policies', { key });
    expect(listed.status).toBe(200);
    const [policy] = (await listed.json()) as Policy[];
    expect((await call(`/api/v1/survey-policies/${policy.id}`, { key })).status).toBe(200);
    const writes = [
      call('/api/v1/survey-policies', { method: 'POST', key, body: { name: 'Viewer', integralMetric: 'nps', poolId } }),
      call(`/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', key, body: { samplingRate: 0 } }),
      call(`/api/v1/survey-policies/${policy.id}`, { method: 'DELETE', key }),
    ];
    expect((await Promise.all(writes)).map((r) => r.status)).toEqual([403, 403, 403]);
    expect(await (await call(`/api/v1/survey-policies/${policy.id}`)).json()).toMatchObject({ status: 'active', version: policy.version });
  });

  it('picks the policy for a service type, else the default', async () => {
    const specific = await create({ name: 'Mortgages', serviceTypes: ['mortgage'] });
    const policies = t.app.get(SurveyPolicyService);
    expect((await policies.policyFor('mortgage'))?.id).toBe(specific.id);
    expect((await policies.policyFor('something else'))?.name).toBe('Post-contact survey');
    expect((await policies.policyFor(null))?.name).toBe('Post-contact survey');
  });

  it('archives a policy: it is no longer picked or listed, and cannot be changed', async () => {
    const policy = await create({ name: 'Insurance', serviceTypes: ['insurance'] });
    expect((await call(`/api/v1/survey-policies/${policy.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await t.app.get(SurveyPolicyService).policyFor('insurance'))?.name).toBe('Post-contact survey');
    const listed = (await (await call('/api/v1/survey-policies')).json()) as Policy[];
    expect(listed.map((p) => p.id)).not.toContain(policy.id);
    expect((await call(`/api/v1/survey-policies/${policy.id}`, { method: 'PATCH', body: { samplingRate: 0.1 } })).status).toBe(409);
  });
});
