import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FactorCell, ReasonCounts } from './factors';
import { attributeConditions, ReportFilters, whereOf } from './report-filters';
import type { RolledUpMetric } from './rollup-increments';

/**
 * Counts factor (Likert) answers by score and the integral score beside them, and the
 * respondents naming each reason: the database aggregates, so a report over millions of
 * answers reads a few hundred rows.
 */
@Injectable()
export class FactorAnswersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async factorCells(filters: ReportFilters, metric: RolledUpMetric): Promise<FactorCell[]> {
    const conditions = attributeConditions(filters, { alias: 'f', period: { column: 'answered_at', kind: 'timestamp' } });
    const metricParameter = `$${conditions.parameters.push(metric)}`;
    conditions.sql.push(`f."question_type" = 'likert'`, 'f."factor" IS NOT NULL', 'f."score" IS NOT NULL');
    const rows = await this.dataSource.query<{ factor: string; score: number; integral: number | null; count: string }[]>(
      `SELECT f."factor", f."score", i."score" AS "integral", count(*)::text AS "count"
       FROM "answer" f
       LEFT JOIN "answer" i ON i."conversation_id" = f."conversation_id" AND i."integral"
         AND i."question_type" = ${metricParameter} AND i."score" IS NOT NULL
       ${whereOf(conditions)}
       GROUP BY f."factor", f."score", i."score"`,
      conditions.parameters,
    );
    return rows.map((r) => ({ factor: r.factor, score: Number(r.score), integral: r.integral === null ? null : Number(r.integral), count: Number(r.count) }));
  }

  async reasonCounts(filters: ReportFilters): Promise<ReasonCounts> {
    const conditions = attributeConditions(filters, { alias: 'f', period: { column: 'answered_at', kind: 'timestamp' } });
    conditions.sql.push(`f."question_type" = 'single_choice'`, 'f."choice" IS NOT NULL', 'f."conversation_id" IS NOT NULL');
    const where = whereOf(conditions);
    const [reasons, [respondents]] = await Promise.all([
      this.dataSource.query<{ reason: string; factor: string | null; naming: string }[]>(
        `SELECT f."choice" AS "reason", max(f."factor") AS "factor", count(DISTINCT f."conversation_id")::text AS "naming"
         FROM "answer" f ${where} GROUP BY f."choice"`,
        conditions.parameters,
      ),
      this.dataSource.query<{ total: string }[]>(`SELECT count(DISTINCT f."conversation_id")::text AS "total" FROM "answer" f ${where}`, conditions.parameters),
    ]);
    return { total: Number(respondents.total), reasons: reasons.map((r) => ({ reason: r.reason, factor: r.factor, naming: Number(r.naming) })) };
  }
}
