import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { attributeConditions, type ReportFilters, type RolledUpMetric, whereOf } from '@turbota/reports';

/** How many answers gave each score of one metric; every score of the scale is listed, zeros included. */
export interface ScoreDistribution {
  metric: RolledUpMetric;
  n: number;
  scores: { score: number; count: number }[];
}

const SCALES: Record<RolledUpMetric, { min: number; max: number }> = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } };

/** Reads the score histogram of one metric from the rollups the reports keep, under the reports' filters. */
@Injectable()
export class ScoreDistributionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async distribution(filters: ReportFilters, metric: RolledUpMetric): Promise<ScoreDistribution> {
    const conditions = attributeConditions(filters, { alias: 'r', period: { column: 'day', kind: 'day' } });
    conditions.sql.push(`r."metric" = $${conditions.parameters.push(metric)}`);
    const rows = await this.dataSource.query<{ score: number; count: string }[]>(
      `SELECT r."score", SUM(r."count")::text AS "count" FROM "answer_rollup" r ${whereOf(conditions)} GROUP BY r."score"`,
      conditions.parameters,
    );
    const counts = new Map(rows.map((row) => [Number(row.score), Number(row.count)]));
    const { min, max } = SCALES[metric];
    const scores = Array.from({ length: max - min + 1 }, (_, i) => ({ score: min + i, count: counts.get(min + i) ?? 0 }));
    return { metric, n: scores.reduce((sum, s) => sum + s.count, 0), scores };
  }
}
