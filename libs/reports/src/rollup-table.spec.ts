import { GROUP_BY } from './report-filters';
import { rollupTableFor } from './rollup-table';

describe('rollupTableFor', () => {
  it('reads the coarse rollup for a period, a channel or a locale, cut by either or by calendar period', () => {
    expect(rollupTableFor({})).toBe('answer_rollup_daily');
    expect(rollupTableFor({ from: '2026-03-01', to: '2026-03-31', channel: 'viber', locale: 'uk' })).toBe('answer_rollup_daily');
    for (const groupBy of ['channel', 'locale', 'day', 'week', 'month'] as const) expect(rollupTableFor({ from: '2026-03-01' }, groupBy)).toBe('answer_rollup_daily');
  });

  it('reads the agent rollup for a cut by agent or one agent over time, within a period', () => {
    expect(rollupTableFor({}, 'agent')).toBe('answer_rollup_agent');
    expect(rollupTableFor({ from: '2026-03-01', to: '2026-03-31' }, 'agent')).toBe('answer_rollup_agent');
    expect(rollupTableFor({ agent: 'olena' })).toBe('answer_rollup_agent');
    expect(rollupTableFor({ agent: 'olena', from: '2026-03-01' }, 'week')).toBe('answer_rollup_agent');
  });

  it('reads the fine rollup whenever a report mixes the agent with another attribute, or needs the service type or the point', () => {
    expect(rollupTableFor({ agent: 'olena', channel: 'viber' })).toBe('answer_rollup');
    expect(rollupTableFor({ channel: 'viber' }, 'agent')).toBe('answer_rollup');
    expect(rollupTableFor({ agent: 'olena' }, 'channel')).toBe('answer_rollup');
    expect(rollupTableFor({ channel: 'viber', serviceType: 'card' })).toBe('answer_rollup');
    expect(rollupTableFor({ pointOfService: 'north' }, 'week')).toBe('answer_rollup');
    for (const groupBy of ['service_type', 'point_of_service'] as const) expect(rollupTableFor({}, groupBy)).toBe('answer_rollup');
  });

  it('ignores filters given as undefined, as an omitted query parameter arrives', () => {
    expect(rollupTableFor({ agent: undefined, serviceType: undefined, pointOfService: undefined })).toBe('answer_rollup_daily');
  });

  it('has decided every cut a report offers', () => {
    const byTable = (table: string) => GROUP_BY.filter((groupBy) => rollupTableFor({}, groupBy) === table).sort();
    expect(byTable('answer_rollup_daily')).toEqual(['channel', 'day', 'locale', 'month', 'week']);
    expect(byTable('answer_rollup_agent')).toEqual(['agent']);
    expect(byTable('answer_rollup')).toEqual(['point_of_service', 'service_type']);
  });
});
