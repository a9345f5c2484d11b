import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { execute, qb } from '@turbota/persistence';
import type { FactorCell, ReasonCounts } from './factors';
import { ATTRIBUTES, periodBounds, ReportFilters } from './report-filters';
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
    const query = answersIn(filters)
      .leftJoin('answer as i', (join) =>
        join
          .onRef('i.conversation_id', '=', 'f.conversation_id')
          .on('i.integral', '=', true)
          .on('i.question_type', '=', metric)
          .on('i.score', 'is not', null),
      )
      .where('f.question_type', '=', 'likert')
      .where('f.factor', 'is not', null)
      .where('f.score', 'is not', null)
      .select((eb) => ['f.factor', 'f.score', 'i.score as integral', eb.cast<string>(eb.fn.countAll(), 'text').as('count')])
      .groupBy('f.factor')
      .groupBy('f.score')
      .groupBy('i.score');
    const rows = await execute(this.dataSource, query);
    return rows.map((r) => ({ factor: r.factor as string, score: Number(r.score), integral: r.integral === null ? null : Number(r.integral), count: Number(r.count) }));
  }

  async reasonCounts(filters: ReportFilters): Promise<ReasonCounts> {
    const named = answersIn(filters)
      .where('f.question_type', '=', 'single_choice')
      .where('f.choice', 'is not', null)
      .where('f.conversation_id', 'is not', null);
    const [reasons, [respondents]] = await Promise.all([
      execute(
        this.dataSource,
        named
          .select((eb) => [
            'f.choice as reason',
            eb.fn.max('f.factor').as('factor'),
            eb.cast<string>(eb.fn.count('f.conversation_id').distinct(), 'text').as('naming'),
          ])
          .groupBy('f.choice'),
      ),
      execute(this.dataSource, named.select((eb) => eb.cast<string>(eb.fn.count('f.conversation_id').distinct(), 'text').as('total'))),
    ]);
    return { total: Number(respondents.total), reasons: reasons.map((r) => ({ reason: r.reason as string, factor: r.factor, naming: Number(r.naming) })) };
  }
}

/** The answers given in the report's period, with the attributes it filters on (alias `f`). */
function answersIn(filters: ReportFilters) {
  const { start, end } = periodBounds(filters);
  let query = qb.selectFrom('answer as f');
  for (const [field, column] of ATTRIBUTES) {
    const value = filters[field];
    if (value !== undefined) query = query.where(`f.${column}`, '=', value);
  }
  if (start) query = query.where('f.answered_at', '>=', start);
  if (end) query = query.where('f.answered_at', '<', end);
  return query;
}
