import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FactorAnswer, ReasonAnswer } from './factors';
import { attributeConditions, ReportFilters, whereOf } from './report-filters';
import type { RolledUpMetric } from './rollup-increments';

/** Reads factor (Likert) answers beside their conversation's integral score, and the reasons picked. */
@Injectable()
export class FactorAnswersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async factorAnswers(filters: ReportFilters, metric: RolledUpMetric): Promise<FactorAnswer[]> {
    const conditions = attributeConditions(filters, { alias: 'f', period: { column: 'answered_at', kind: 'timestamp' } });
    const metricParameter = `$${conditions.parameters.push(metric)}`;
    conditions.sql.push(`f."question_type" = 'likert'`, 'f."factor" IS NOT NULL', 'f."score" IS NOT NULL');
    const rows = await this.dataSource.query<{ factor: string; score: number; integral: number | null }[]>(
      `SELECT f."factor", f."score", i."score" AS "integral"
       FROM "answer" f
       LEFT JOIN "answer" i ON i."conversation_id" = f."conversation_id" AND i."integral"
         AND i."question_type" = ${metricParameter} AND i."score" IS NOT NULL
       ${whereOf(conditions)}`,
      conditions.parameters,
    );
    return rows.map((r) => ({ factor: r.factor, score: Number(r.score), integral: r.integral === null ? null : Number(r.integral) }));
  }

  async reasonAnswers(filters: ReportFilters): Promise<ReasonAnswer[]> {
    const conditions = attributeConditions(filters, { alias: 'f', period: { column: 'answered_at', kind: 'timestamp' } });
    conditions.sql.push(`f."question_type" = 'single_choice'`, 'f."choice" IS NOT NULL', 'f."conversation_id" IS NOT NULL');
    return this.dataSource.query<ReasonAnswer[]>(
      `SELECT f."conversation_id"::text AS "respondent", f."choice" AS "reason", f."factor" FROM "answer" f ${whereOf(conditions)}`,
      conditions.parameters,
    );
  }
}
