import { AGENT_KEY, COARSE_KEY, projectIncrements, rollupIncrements, RollupAnswer, utcDay } from './rollup-increments';

const answer = (overrides: Partial<RollupAnswer>): RollupAnswer => ({
  answeredAt: new Date('2026-03-02T23:30:00.000Z'),
  metric: 'nps',
  score: 9,
  channel: 'telegram',
  locale: 'uk',
  agent: 'olena',
  serviceType: null,
  pointOfService: null,
  ...overrides,
});

describe('rollupIncrements', () => {
  it('sums answers with one key into one increment, so one INSERT never touches a row twice', () => {
    const increments = rollupIncrements([answer({}), answer({}), answer({ score: 10 })]);
    expect(increments).toHaveLength(2);
    expect(increments.find((i) => i.score === 9)).toMatchObject({ count: 2, day: '2026-03-02', agent: 'olena', serviceType: '', pointOfService: '' });
  });

  it('keys by the UTC day, whatever the server zone', () => {
    expect(utcDay(new Date('2026-03-02T23:30:00.000-02:00'))).toBe('2026-03-03');
    expect(rollupIncrements([answer({ answeredAt: new Date('2026-03-03T00:00:00.000Z') })])[0].day).toBe('2026-03-03');
  });

  it('orders the increments by key, so concurrent batches lock rollup rows in the same order', () => {
    const forward = rollupIncrements([answer({ channel: 'viber' }), answer({ channel: 'telegram', score: 3 }), answer({ channel: 'telegram' })]);
    const backward = rollupIncrements([answer({ channel: 'telegram' }), answer({ channel: 'telegram', score: 3 }), answer({ channel: 'viber' })]);
    expect(forward).toEqual(backward);
    expect(forward.map((i) => [i.channel, i.score])).toEqual([['telegram', 3], ['telegram', 9], ['viber', 9]]);
  });

  it('leaves out answers without a score and questions that are not NPS, CES or CSAT', () => {
    expect(rollupIncrements([answer({ score: null }), answer({ metric: 'likert', score: 4 }), answer({ metric: 'single_choice' })])).toEqual([]);
  });

  it('keeps a missing attribute apart from every named one', () => {
    const increments = rollupIncrements([answer({ agent: null }), answer({ agent: 'ivan' })]);
    expect(increments.map((i) => i.agent).sort()).toEqual(['', 'ivan']);
  });
});

describe('projectIncrements', () => {
  it('sums the cells that differ only by agent, service type or point, and keeps the other keys apart', () => {
    const fine = rollupIncrements([
      answer({ agent: 'olena' }),
      answer({ agent: 'ivan', serviceType: 'card' }),
      answer({ agent: null, pointOfService: 'north' }),
      answer({ locale: 'en' }),
      answer({ score: 3 }),
    ]);
    expect(fine).toHaveLength(5);
    expect(projectIncrements(fine, COARSE_KEY)).toEqual([
      { day: '2026-03-02', metric: 'nps', channel: 'telegram', locale: 'en', score: 9, count: 1 },
      { day: '2026-03-02', metric: 'nps', channel: 'telegram', locale: 'uk', score: 3, count: 1 },
      { day: '2026-03-02', metric: 'nps', channel: 'telegram', locale: 'uk', score: 9, count: 3 },
    ]);
  });

  it('orders the cells by key whatever order the fine increments come in', () => {
    const fine = rollupIncrements([answer({ channel: 'viber' }), answer({ channel: 'telegram', agent: 'ivan' }), answer({ channel: 'telegram' })]);
    expect(projectIncrements([...fine].reverse(), COARSE_KEY)).toEqual(projectIncrements(fine, COARSE_KEY));
    expect(projectIncrements([...fine].reverse(), AGENT_KEY)).toEqual(projectIncrements(fine, AGENT_KEY));
  });

  it('sums the cells of one agent across channels, locales, service types and points, and keeps agents and days apart', () => {
    const fine = rollupIncrements([
      answer({ channel: 'viber' }),
      answer({ locale: 'en', serviceType: 'card', pointOfService: 'north' }),
      answer({}),
      answer({ agent: 'ivan' }),
      answer({ agent: null }),
      answer({ answeredAt: new Date('2026-03-03T08:00:00.000Z') }),
    ]);
    expect(projectIncrements(fine, AGENT_KEY)).toEqual([
      { day: '2026-03-02', metric: 'nps', agent: '', score: 9, count: 1 },
      { day: '2026-03-02', metric: 'nps', agent: 'ivan', score: 9, count: 1 },
      { day: '2026-03-02', metric: 'nps', agent: 'olena', score: 9, count: 3 },
      { day: '2026-03-03', metric: 'nps', agent: 'olena', score: 9, count: 1 },
    ]);
  });
});
