import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { attributeConditions, GroupBy, ReportFilters, whereOf } from './report-filters';
import type { RolledUpMetric } from './rollup-increments';
import { rollupTableFor } from './rollup-table';
import type { HistogramRow } from './scores';

// Rollups store a missing attribute as '' (a key column cannot be null); reports show it as null.
// The summed rollups have the same columns bar the ones they sum over, so one map serves all three.
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
    const conditions = attributeConditions(filters, { alias: 'r', period: { column: 'day', kind: 'day' } });
    if (metric) conditions.sql.push(`r."metric" = $${conditions.parameters.push(metric)}`);
    const key = groupBy ? GROUP_KEYS[groupBy] : 'NULL';
    const table = rollupTableFor(filters, groupBy);
    const rows = await this.dataSource.query<{ key: string | null; metric: RolledUpMetric; score: number; count: string }[]>(
      `SELECT ${key} AS "key", r."metric", r."score", SUM(r."count")::text AS "count"
       FROM "${table}" r ${whereOf(conditions)}
       GROUP BY 1, r."metric", r."score" ORDER BY 1, r."metric", r."score"`,
      conditions.parameters,
    );
    return rows.map((row) => ({ key: row.key, metric: row.metric, score: Number(row.score), count: Number(row.count) }));
  }
}
