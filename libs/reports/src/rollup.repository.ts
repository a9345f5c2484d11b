import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { attributeConditions, GroupBy, ReportFilters, whereOf } from './report-filters';
import type { RolledUpMetric } from './rollup-increments';
import { rollupTableFor } from './rollup-table';
import type { HistogramRow } from './scores';
import { splitIntoWholeMonths } from './whole-months';

// Rollups store a missing attribute as '' (a key column cannot be null); reports show it as null.
// The summed rollups have the same columns bar the ones they sum over, so one map serves them all.
const GROUP_KEYS: Record<GroupBy, string> = {
  channel: 'r."channel"',
  locale: 'r."locale"',
  agent: `NULLIF(r."agent", '')`,
  service_type: `NULLIF(r."service_type", '')`,
  point_of_service: `NULLIF(r."point_of_service", '')`,
  day: `to_char(r."day", 'YYYY-MM-DD')`,
  // Cast to timestamp (no zone) first: date_trunc on a date would go through the session's time zone.
  week: `to_char(date_trunc('week', r."day"::timestamp), 'YYYY-MM-DD')`,
  month: `to_char(date_trunc('month', r."day"::timestamp), 'YYYY-MM-DD')`,
};

/**
 * Reads the score histograms, filtered and cut by one key, from a summed rollup when one holds
 * what the report asks for and from the fine one otherwise: all sum to the same histograms.
 */
@Injectable()
export class RollupRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async histograms(filters: ReportFilters, groupBy?: GroupBy, metric?: RolledUpMetric): Promise<HistogramRow[]> {
    const table = rollupTableFor(filters, groupBy);
    const parameters: unknown[] = [];
    /** A rollup's `columns` within a period (its `column` holds the day), filtered as the report asks. */
    const rowsOf = (name: string, columns: string, period: { column: string; from?: string; to?: string }) => {
      const conditions = attributeConditions({ ...filters, from: period.from, to: period.to }, { alias: 'p', period: { column: period.column, kind: 'day' } }, { sql: [], parameters });
      if (metric) conditions.sql.push(`p."metric" = $${parameters.push(metric)}`);
      return `SELECT ${columns} FROM "${name}" p ${whereOf(conditions)}`;
    };
    let source: string;
    if (table === 'answer_rollup_agent' && groupBy !== 'day' && groupBy !== 'week') {
      // The whole months of the period from the monthly rollup, the days at its ends from the daily one.
      const agentColumns = (day: string) => `p."${day}" AS "day", p."metric", p."agent", p."score", p."count"`;
      const split = splitIntoWholeMonths(filters.from, filters.to);
      const parts = split.days.map((days) => rowsOf(table, agentColumns('day'), { column: 'day', ...days }));
      if (split.months) parts.unshift(rowsOf('answer_rollup_agent_monthly', agentColumns('month'), { column: 'month', ...split.months }));
      source = parts.join(' UNION ALL ');
    } else {
      source = rowsOf(table, 'p.*', { column: 'day', from: filters.from, to: filters.to });
    }
    const key = groupBy ? GROUP_KEYS[groupBy] : 'NULL';
    const rows = await this.dataSource.query<{ key: string | null; metric: RolledUpMetric; score: number; count: string }[]>(
      `SELECT ${key} AS "key", r."metric", r."score", SUM(r."count")::text AS "count"
       FROM (${source}) r
       GROUP BY 1, r."metric", r."score" ORDER BY 1, r."metric", r."score"`,
      parameters,
    );
    return rows.map((row) => ({ key: row.key, metric: row.metric, score: Number(row.score), count: Number(row.count) }));
  }
}
