import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCALES, projectPath } from '@turbota/common';
import { type ContactQuestion, type ScaleQuestion, SERVQUAL_FACTORS, type SingleChoiceQuestion } from '@turbota/surveys';
import { readSeedFiles, SeedError } from './seed-files';

describe('the seeds shipped in config/', () => {
  const { pools, policies } = readSeedFiles(projectPath('config'));
  const pool = pools.find((p) => p.seedKey === 'post-contact-pool-v1')!;

  it('hold the post-contact pool: the three integral scores, a statement per SERVQUAL factor, reason, improvement, contact', () => {
    expect(pool).toMatchObject({ file: 'pools/post-contact.json', name: 'Post-contact' });
    expect(pool.questions.map((q) => [q.code, q.type])).toEqual([
      ['nps', 'nps'],
      ['ces', 'ces'],
      ['csat', 'csat'],
      ['tangibles', 'likert'],
      ['reliability', 'likert'],
      ['responsiveness', 'likert'],
      ['assurance', 'likert'],
      ['empathy', 'likert'],
      ['reason', 'single_choice'],
      ['improvement', 'free_text'],
      ['contact', 'contact'],
    ]);
    const likertFactors = pool.questions.filter((q) => q.type === 'likert').map((q) => q.factor);
    expect([...likertFactors].sort()).toEqual([...SERVQUAL_FACTORS].sort());
    const nps = pool.questions[0] as ScaleQuestion;
    expect(nps.text.en).toBe('How likely are you to recommend us to a friend?');
    expect(Object.keys(nps.lowLabel ?? {}).sort()).toEqual([...LOCALES].sort());
  });

  it('tag every reason but "other" with a factor, and ask for phone or e-mail with a consent text', () => {
    const reason = pool.questions.find((q) => q.code === 'reason') as SingleChoiceQuestion;
    expect(reason.options.filter((o) => !o.factor).map((o) => o.code)).toEqual(['other']);
    expect(reason.options.length).toBeGreaterThanOrEqual(7);
    const contact = pool.questions.find((q) => q.code === 'contact') as ContactQuestion;
    expect(contact.accepts).toEqual(['phone', 'email']);
    expect(contact.consentText.en).toMatch(/only/);
  });

  it('hold the default policy on that pool', () => {
    expect(policies).toEqual([
      {
        file: 'policies/default.json',
        seedKey: 'default-policy-v1',
        pool: 'post-contact-pool-v1',
        settings: {
          name: 'Post-contact survey',
          serviceTypes: [],
          integralMetric: 'nps',
          maxQuestions: 2,
          samplingRate: 1,
          cooldownDays: 30,
          quietHours: { start: '21:00', end: '09:00', timeZone: 'Europe/Kyiv' },
          answerTimeoutMinutes: 1440,
          reminderAfterMinutes: null,
          reasonQuestion: 'reason',
          improvementQuestion: 'improvement',
          contactQuestion: 'contact',
          reviewUrl: null,
          cascade: [],
        },
      },
    ]);
  });
});

describe('readSeedFiles', () => {
  let dir: string;
  const all = (text: string) => ({ uk: text, ru: text, en: text });
  const goodPool = {
    seedKey: 'pool-v1',
    name: 'Pool',
    questions: [
      { code: 'nps', type: 'nps', text: all('Recommend us?') },
      { code: 'why', type: 'single_choice', text: all('Why?'), options: [{ code: 'a', label: all('A') }, { code: 'b', label: all('B') }] },
      { code: 'better', type: 'free_text', text: all('What to improve?') },
    ],
  };
  const goodPolicy = { seedKey: 'policy-v1', pool: 'pool-v1', settings: { name: 'Policy', integralMetric: 'nps', reasonQuestion: 'why' } };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'turbota-seeds-'));
    mkdirSync(join(dir, 'pools'));
    mkdirSync(join(dir, 'policies'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (file: string, content: unknown) => writeFileSync(join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  const failure = () => {
    try {
      readSeedFiles(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(SeedError);
      return (error as Error).message;
    }
    throw new Error('the seeds were accepted');
  };

  it('reads a good pool and policy, filling the policy defaults', () => {
    write('pools/a.json', goodPool);
    write('policies/a.json', goodPolicy);
    const seeds = readSeedFiles(dir);
    expect(seeds.pools).toEqual([{ file: 'pools/a.json', seedKey: 'pool-v1', name: 'Pool', description: '', questions: goodPool.questions }]);
    expect(seeds.policies[0].settings).toMatchObject({ name: 'Policy', maxQuestions: 3, cooldownDays: 30, improvementQuestion: null });
    expect(seeds.policies[0].settings).not.toHaveProperty('poolId');
  });

  it('reads nothing from a folder without seeds', () => {
    rmSync(join(dir, 'policies'), { recursive: true });
    expect(readSeedFiles(dir)).toEqual({ pools: [], policies: [] });
  });

  it('names the file, the question and the language of a missing translation', () => {
    const broken = structuredClone(goodPool);
    broken.questions[2].text = { uk: 'Що покращити?', ru: '', en: 'What to improve?' };
    write('pools/broken.json', broken);
    expect(failure()).toBe('config/pools/broken.json: questions[2].text.ru: Question "better" has no text in ru');
  });

  it('reads a pool in the languages it declares, or in those the installation speaks, and names one it does not', () => {
    const englishOnly = (q: (typeof goodPool.questions)[number]) =>
      q.options ? { ...q, text: { en: q.text.en }, options: q.options.map((o) => ({ ...o, label: { en: o.label.en } })) } : { ...q, text: { en: q.text.en } };
    const english = { ...goodPool, questions: goodPool.questions.map(englishOnly) };
    write('pools/a.json', { ...english, locales: ['en'] });
    expect(readSeedFiles(dir).pools[0]).toMatchObject({ locales: ['en'], questions: english.questions });
    write('pools/a.json', english);
    expect(readSeedFiles(dir, ['en']).pools[0]).not.toHaveProperty('locales');
    expect(failure()).toMatch(/^config\/pools\/a\.json: questions\[0\]\.text\.uk: Question "nps" has no text in uk; /);
    write('pools/a.json', { ...goodPool, locales: ['en', 'uk'] });
    expect(() => readSeedFiles(dir, ['en'])).toThrow('config/pools/a.json: locales[1]: uk is not spoken here (SUPPORTED_LOCALES is en)');
  });

  it('names the file that is not JSON, lacks a seed key or has fields it does not know', () => {
    write('pools/a.json', '{ "seedKey": ');
    expect(failure()).toMatch(/^config\/pools\/a\.json: not valid JSON \(/);
    write('pools/a.json', { ...goodPool, seedKey: undefined });
    expect(failure()).toMatch(/^config\/pools\/a\.json: seedKey: /);
    write('pools/a.json', { ...goodPool, owner: 'me' });
    expect(failure()).toBe('config/pools/a.json: unknown field(s): owner');
  });

  it('checks a policy: its pool, its settings, and its questions against that pool', () => {
    write('pools/a.json', goodPool);
    write('policies/p.json', { ...goodPolicy, pool: 'nope' });
    expect(failure()).toBe('config/policies/p.json: pool: no file in config/pools has the seedKey "nope"');
    write('policies/p.json', { ...goodPolicy, settings: { ...goodPolicy.settings, colour: 'red' } });
    expect(failure()).toBe('config/policies/p.json: settings: unknown field(s): colour');
    write('policies/p.json', { ...goodPolicy, settings: { ...goodPolicy.settings, samplingRate: 2 } });
    expect(failure()).toBe('config/policies/p.json: settings.samplingRate: must be between 0 and 1');
    write('policies/p.json', { ...goodPolicy, settings: { ...goodPolicy.settings, reasonQuestion: 'better' } });
    expect(failure()).toBe('config/policies/p.json: settings.reasonQuestion: Question "better" is free_text, not single_choice');
    write('policies/p.json', { ...goodPolicy, settings: { ...goodPolicy.settings, poolId: '0b6f0c2e-6a52-4c8e-9d43-3c1c4c1f6f10' } });
    expect(failure()).toMatch(/^config\/policies\/p\.json: settings\.poolId: /);
  });

  it('refuses one seed key in two files', () => {
    write('pools/a.json', goodPool);
    write('pools/b.json', { ...goodPool, name: 'Another' });
    expect(failure()).toBe('config/pools/b.json: the seedKey "pool-v1" is used by config/pools/a.json too');
  });
});
