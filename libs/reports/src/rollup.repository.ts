import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type RawBuilder, sql } from 'kysely';
import { DataSource } from 'typeorm';
import { execute } from '@turbota/persistence';
import { ATTRIBUTES, GroupBy, ReportFilters } from './report-filters';
import type { RolledUpMetric } from './rollup-increments';
import { rollupTableFor } from './rollup-table';
import type { HistogramRow } from './scores';
import { splitIntoWholeMonths } from './whole-months';

// Rollups store a missing attribute as '' (a key column cannot be null); reports show it as null.
// The summed rollups have the same columns bar the ones they sum over, so one map serves them all.
// The rollup is chosen at run time and its rows come from a UNION ALL, which the builder cannot type: `sql` says it.
const GROUP_KEYS: Record<GroupBy, RawBuilder<string | null>> = {
  channel: sql`r."channel"`,
  locale: sql`r."locale"`,
  agent: sql`NULLIF(r."agent", '')`,
  service_type: sql`NULLIF(r."service_type", '')`,
  point_of_service: sql`NULLIF(r."point_of_service", '')`,
  day: sql`to_char(r."day", 'YYYY-MM-DD')`,
  // Cast to timestamp (no zone) first: date_trunc on a date would go through the session's time zone.
  week: sql`to_char(date_trunc('week', r."day"::timestamp), 'YYYY-MM-DD')`,
  month: sql`to_char(date_trunc('month', r."day"::timestamp), 'YYYY-MM-DD')`,
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
    /** A rollup's `columns` within a period (its `column` holds the day), filtered as the report asks. */
    const rowsOf = (name: string, columns: RawBuilder<unknown>, period: { column: string; from?: string; to?: string }) => {
      const conditions: RawBuilder<unknown>[] = [];
      for (const [field, column] of ATTRIBUTES) {
        const value = filters[field];
        if (value !== undefined) conditions.push(sql`${sql.ref(`p.${column}`)} = ${value}`);
      }
      const day = sql.ref(`p.${period.column}`);
      if (period.from) conditions.push(sql`${day} >= ${period.from}::date`);
      if (period.to) conditions.push(sql`${day} <= ${period.to}::date`);
      if (metric) conditions.push(sql`p."metric" = ${metric}`);
      const where = conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
      return sql`SELECT ${columns} FROM ${sql.table(name)} p ${where}`;
    };
    let source: RawBuilder<unknown>;
    if (table === 'answer_rollup_agent' && groupBy !== 'day' && groupBy !== 'week') {
      // The whole months of the period from the monthly rollup, the days at its ends from the daily one.
      const agentColumns = (day: string) => sql`${sql.ref(`p.${day}`)} AS "day", p."metric", p."agent", p."score", p."count"`;
      const split = splitIntoWholeMonths(filters.from, filters.to);
      const parts = split.days.map((days) => rowsOf(table, agentColumns('day'), { column: 'day', ...days }));
      if (split.months) parts.unshift(rowsOf('answer_rollup_agent_monthly', agentColumns('month'), { column: 'month', ...split.months }));
      source = sql.join(parts, sql` UNION ALL `);
    } else {
      source = rowsOf(table, sql`p.*`, { column: 'day', from: filters.from, to: filters.to });
    }
    const key = groupBy ? GROUP_KEYS[groupBy] : sql`NULL`;
    const rows = await execute(
      this.dataSource,
      sql<{ key: string | null; metric: RolledUpMetric; score: number; count: string }>`SELECT ${key} AS "key", r."metric", r."score", SUM(r."count")::text AS "count"
       FROM (${source}) r
       GROUP BY 1, r."metric", r."score" ORDER BY 1, r."metric", r."score"`,
    );
    return rows.map((row) => ({ key: row.key, metric: row.metric, score: Number(row.score), count: Number(row.count) }));
  }
}
