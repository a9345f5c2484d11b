import type { GroupBy, ReportFilters } from './report-filters';

/**
 * The fine rollup, keyed by every contact attribute; its coarse twin without agent, service type
 * and point; and its agent twin without channel, locale, service type and point.
 */
export type RollupTableName = 'answer_rollup' | 'answer_rollup_daily' | 'answer_rollup_agent';

/** What a summed rollup holds: the filters and the cuts it can answer. */
interface SummedRollup {
  name: RollupTableName;
  filters: ReadonlySet<keyof ReportFilters>;
  groups: ReadonlySet<GroupBy>;
}

const PERIODS: readonly GroupBy[] = ['day', 'week', 'month'];

// Allow-lists, not deny-lists: a filter or cut added later falls back to the fine rollup until
// someone decides a summed one holds it. The smallest that holds the report comes first.
const SUMMED: readonly SummedRollup[] = [
  { name: 'answer_rollup_daily', filters: new Set(['from', 'to', 'channel', 'locale']), groups: new Set(['channel', 'locale', ...PERIODS]) },
  { name: 'answer_rollup_agent', filters: new Set(['from', 'to', 'agent']), groups: new Set(['agent', ...PERIODS]) },
];

/**
 * The rollup a report reads: a summed one, whose size grows with the days and not with the
 * answers, unless the report filters or cuts by something only the fine one keeps.
 */
export function rollupTableFor(filters: ReportFilters, groupBy?: GroupBy): RollupTableName {
  const filtered = (Object.keys(filters) as (keyof ReportFilters)[]).filter((field) => filters[field] !== undefined);
  const holding = SUMMED.find((rollup) => filtered.every((field) => rollup.filters.has(field)) && (groupBy === undefined || rollup.groups.has(groupBy)));
  return holding?.name ?? 'answer_rollup';
}
