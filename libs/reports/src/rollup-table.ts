import type { GroupBy, ReportFilters } from './report-filters';

/** The fine rollup, keyed by every contact attribute, and its coarse twin without agent, service type and point. */
export type RollupTableName = 'answer_rollup' | 'answer_rollup_daily';

// Allow-lists, not deny-lists: a filter or cut added later falls back to the fine rollup until
// someone decides the coarse one holds it.
const COARSE_FILTERS: ReadonlySet<keyof ReportFilters> = new Set(['from', 'to', 'channel', 'locale']);
const COARSE_GROUPS: ReadonlySet<GroupBy> = new Set(['channel', 'locale', 'day', 'week', 'month']);

/**
 * The rollup a report reads: the coarse one, a few hundred rows a day whatever the volume,
 * unless the report filters or cuts by something only the fine one keeps.
 */
export function rollupTableFor(filters: ReportFilters, groupBy?: GroupBy): RollupTableName {
  const filtered = (Object.keys(filters) as (keyof ReportFilters)[]).filter((field) => filters[field] !== undefined);
  const coarse = filtered.every((field) => COARSE_FILTERS.has(field)) && (groupBy === undefined || COARSE_GROUPS.has(groupBy));
  return coarse ? 'answer_rollup_daily' : 'answer_rollup';
}
