import { checkPolicyAgainstPool, parsePolicy, parsePolicyChange } from './survey-policy.schema';
import { planSurvey } from './survey-plan';
import { seededRandom } from '@turbota/common';
import { sampleQuestions } from './testing/sample-questions';

const POOL_ID = '0b6f0c2e-6a52-4c8e-9d43-3c1c4c1f6f10';

describe('survey policies', () => {
  it('fills the defaults of a new policy', () => {
    const parsed = parsePolicy({ name: 'Calls', integralMetric: 'ces', poolId: POOL_ID });
    expect(parsed).toEqual({
      ok: true,
      value: {
        name: 'Calls',
        serviceTypes: [],
        integralMetric: 'ces',
        poolId: POOL_ID,
        maxQuestions: 3,
        samplingRate: 1,
        cooldownDays: 30,
        quietHours: null,
        answerTimeoutMinutes: 1440,
        reminderAfterMinutes: null,
        reasonQuestion: null,
        improvementQuestion: null,
        contactQuestion: null,
        reviewUrl: null,
        cascade: [],
      },
    });
  });

  it('says which fields are wrong', () => {
    const parsed = parsePolicy({
      name: 'Calls',
      integralMetric: 'stars',
      poolId: 'x',
      samplingRate: 1.5,
      quietHours: { start: '25:00', end: '09:00', timeZone: 'Mars/Olympus' },
      colour: 'red',
    });
    expect(!parsed.ok && parsed.errors.map((e) => e.field).sort()).toEqual([
      '(body)',
      'integralMetric',
      'poolId',
      'quietHours.start',
      'quietHours.timeZone',
      'samplingRate',
    ]);
    expect(!parsed.ok && parsed.errors.find((e) => e.field === '(body)')?.problems).toEqual(['unknown field(s): colour']);
  });

  it('changes only the fields given', () => {
    const current = parsePolicy({ name: 'Calls', integralMetric: 'nps', poolId: POOL_ID, cooldownDays: 90 });
    if (!current.ok) throw new Error('setup');
    const changed = parsePolicyChange(current.value, { samplingRate: 0.25 });
    expect(changed).toEqual({ ok: true, value: { ...current.value, samplingRate: 0.25 } });
    expect(parsePolicyChange(current.value, { maxQuestions: 11 })).toMatchObject({ ok: false, errors: [{ field: 'maxQuestions' }] });
    expect(parsePolicyChange(current.value, { reminderAfterMinutes: 1440 })).toMatchObject({ ok: false, errors: [{ field: 'reminderAfterMinutes' }] });
  });

  it('takes a reminder only before the answer timeout', () => {
    const base = { name: 'Calls', integralMetric: 'nps', poolId: POOL_ID, answerTimeoutMinutes: 240 };
    expect(parsePolicy({ ...base, reminderAfterMinutes: 120 })).toMatchObject({ ok: true, value: { reminderAfterMinutes: 120 } });
    expect(parsePolicy({ ...base, reminderAfterMinutes: 240 })).toEqual({
      ok: false,
      errors: [{ field: 'reminderAfterMinutes', problems: ['must be shorter than answerTimeoutMinutes: a reminder after the timeout would come too late'] }],
    });
  });

  describe('a cascade', () => {
    const base = { name: 'Calls', integralMetric: 'nps', poolId: POOL_ID, answerTimeoutMinutes: 120 };
    const problemsOf = (input: Record<string, unknown>) => {
      const parsed = parsePolicy({ ...base, ...input });
      return parsed.ok ? [] : parsed.errors;
    };

    it('takes channels in order with a wait on every step but the last', () => {
      const cascade = [{ channel: 'viber', waitMinutes: 30 }, { channel: 'whatsapp', waitMinutes: 30 }, { channel: 'sms' }];
      expect(parsePolicy({ ...base, cascade })).toMatchObject({ ok: true, value: { cascade } });
    });

    it('refuses a channel twice, naming it, and an unknown channel', () => {
      expect(problemsOf({ cascade: [{ channel: 'sms', waitMinutes: 30 }, { channel: 'sms' }] })).toEqual([{ field: 'cascade.1.channel', problems: ['lists sms twice: each channel is tried once'] }]);
      expect(problemsOf({ cascade: [{ channel: 'pigeon' }] })).toEqual([
        { field: 'cascade.0.channel', problems: ['must be one of telegram, viber, messenger, whatsapp, slack, botframework, sms, email'] },
      ]);
    });

    it('needs a wait of at least 5 minutes before every next step, and none on the last', () => {
      expect(problemsOf({ cascade: [{ channel: 'viber' }, { channel: 'sms', waitMinutes: 30 }] })).toEqual([
        { field: 'cascade.0.waitMinutes', problems: ['is required: the next step goes after this wait'] },
        { field: 'cascade.1.waitMinutes', problems: ['must be left out on the last step: it waits until answerTimeoutMinutes'] },
      ]);
      expect(problemsOf({ cascade: [{ channel: 'viber', waitMinutes: 4 }, { channel: 'sms' }] })).toEqual([{ field: 'cascade.0.waitMinutes', problems: ['must be at least 5 minutes'] }]);
    });

    it('takes at most six steps', () => {
      const cascade = ['telegram', 'viber', 'messenger', 'whatsapp', 'slack', 'sms', 'email'].map((channel) => ({ channel, waitMinutes: 5 }));
      expect(problemsOf({ answerTimeoutMinutes: 1440, cascade: [...cascade.slice(0, 6), { channel: 'email' }] })).toEqual([{ field: 'cascade', problems: ['takes at most 6 steps'] }]);
    });

    it('leaves the last step time to be answered before the answer timeout', () => {
      const cascade = [{ channel: 'viber', waitMinutes: 60 }, { channel: 'whatsapp', waitMinutes: 60 }, { channel: 'sms' }];
      expect(problemsOf({ cascade })).toEqual([
        { field: 'cascade', problems: ['its waits must add up to less than answerTimeoutMinutes: the last step needs time to be answered'] },
      ]);
      expect(problemsOf({ cascade, answerTimeoutMinutes: 121 })).toEqual([]);
    });

    it('reminds by its next channel, not by a reminder', () => {
      expect(problemsOf({ reminderAfterMinutes: 60, cascade: [{ channel: 'viber', waitMinutes: 30 }, { channel: 'sms' }] })).toEqual([
        { field: 'reminderAfterMinutes', problems: ['must be null when a cascade is set: a cascade reminds by its next channel'] },
      ]);
    });
  });

  it('checks the question codes against the pool', () => {
    const parsed = parsePolicy({ name: 'Calls', integralMetric: 'nps', poolId: POOL_ID, reasonQuestion: 'improvement', contactQuestion: 'phone' });
    if (!parsed.ok) throw new Error('setup');
    expect(checkPolicyAgainstPool(parsed.value, sampleQuestions())).toEqual([
      { field: 'reasonQuestion', problems: ['Question "improvement" is free_text, not single_choice'] },
      { field: 'contactQuestion', problems: ['The pool has no question "phone"'] },
    ]);
    const noCsat = sampleQuestions().filter((q) => q.type !== 'csat');
    expect(checkPolicyAgainstPool({ ...parsed.value, integralMetric: 'csat', reasonQuestion: null, contactQuestion: null }, noCsat)).toEqual([
      { field: 'integralMetric', problems: ['The pool has no csat question'] },
    ]);
  });
});

describe('planSurvey', () => {
  const policy = { integralMetric: 'nps' as const, maxQuestions: 2, reasonQuestion: 'reason', improvementQuestion: 'improvement', contactQuestion: 'contact', reviewUrl: null };

  it('puts the integral question first and draws only from the questions without a role', () => {
    const plan = planSurvey({ policy, questions: sampleQuestions(), drawnCounts: new Map(), random: seededRandom(5) });
    expect(plan.integral.code).toBe('nps');
    expect([plan.reason?.code, plan.improvement?.code, plan.contact?.code]).toEqual(['reason', 'improvement', 'contact']);
    expect(plan.drawn).toHaveLength(2);
    for (const q of plan.drawn) expect(['ces', 'csat', 'understood', 'quick', 'place']).toContain(q.code);
  });

  it('uses the metric the policy sets', () => {
    const plan = planSurvey({ policy: { ...policy, integralMetric: 'ces' }, questions: sampleQuestions(), drawnCounts: new Map(), random: seededRandom(5) });
    expect(plan.integral.code).toBe('ces');
    expect(plan.drawn.map((q) => q.code)).not.toContain('ces');
  });
});
