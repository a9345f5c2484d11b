import { GROUP_BY } from './report-filters';
import { rollupTableFor } from './rollup-table';

describe('rollupTableFor', () => {
  it('reads the coarse rollup for a period, a channel or a locale, cut by either or by calendar period', () => {
    expect(rollupTableFor({})).toBe('answer_rollup_daily');
    expect(rollupTableFor({ from: '2026-03-01', to: '2026-03-31', channel: 'viber', locale: 'uk' })).toBe('answer_rollup_daily');
    for (const groupBy of ['channel', 'locale', 'day', 'week', 'month'] as const) expect(rollupTableFor({ from: '2026-03-01' }, groupBy)).toBe('answer_rollup_daily');
  });

  it('reads the fine rollup whenever the agent, the service type or the point filters or cuts', () => {
    expect(rollupTableFor({ agent: 'olena' })).toBe('answer_rollup');
    expect(rollupTableFor({ channel: 'viber', serviceType: 'card' })).toBe('answer_rollup');
    expect(rollupTableFor({ pointOfService: 'north' }, 'week')).toBe('answer_rollup');
    for (const groupBy of ['agent', 'service_type', 'point_of_service'] as const) expect(rollupTableFor({}, groupBy)).toBe('answer_rollup');
  });

  it('ignores filters given as undefined, as an omitted query parameter arrives', () => {
    expect(rollupTableFor({ agent: undefined, serviceType: undefined, pointOfService: undefined })).toBe('answer_rollup_daily');
  });

  it('has decided every cut a report offers', () => {
    const coarse = GROUP_BY.filter((groupBy) => rollupTableFor({}, groupBy) === 'answer_rollup_daily');
    expect([...coarse].sort()).toEqual(['channel', 'day', 'locale', 'month', 'week']);
  });
});
