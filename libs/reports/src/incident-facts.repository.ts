import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { execute, qb } from '@turbota/persistence';
import type { IncidentFacts } from './incident-figures';
import type { ProblemFacts } from './problem-figures';
import { ATTRIBUTES, periodBounds, ReportFilters } from './report-filters';

/** Reads the incidents and problems created in a period, reduced to the facts the figures need. */
@Injectable()
export class IncidentFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async incidents(filters: ReportFilters): Promise<IncidentFacts[]> {
    const { start, end } = periodBounds(filters);
    let query = qb
      .selectFrom('incident as i')
      .select((eb) => [
        'i.status',
        'i.priority',
        'i.created_at',
        'i.acknowledged_at',
        'i.resolved_at',
        eb.or([eb('i.ack_breached_at', 'is not', null), eb('i.resolve_breached_at', 'is not', null)]).$castTo<boolean>().as('breached'),
      ]);
    for (const [field, column] of ATTRIBUTES) {
      const value = filters[field];
      if (value !== undefined) query = query.where(`i.${column}`, '=', value);
    }
    if (start) query = query.where('i.created_at', '>=', start);
    if (end) query = query.where('i.created_at', '<', end);
    const rows = await execute(this.dataSource, query);
    return rows.map((r) => ({
      status: r.status,
      priority: r.priority,
      createdAt: new Date(r.created_at),
      acknowledgedAt: r.acknowledged_at && new Date(r.acknowledged_at),
      resolvedAt: r.resolved_at && new Date(r.resolved_at),
      breached: r.breached,
    }));
  }

  async problems(filters: Pick<ReportFilters, 'from' | 'to'>): Promise<ProblemFacts[]> {
    const { start, end } = periodBounds(filters);
    let query = qb
      .selectFrom('problem as p')
      .select((eb) => [
        'p.status',
        'p.dimension',
        'p.reason_code',
        'p.created_at',
        'p.fixed_at',
        eb
          .cast<string>(
            eb
              .selectFrom('incident as i')
              .select((inner) => inner.fn.countAll().as('n'))
              .whereRef('i.problem_id', '=', 'p.id'),
            'text',
          )
          .as('incidents'),
      ]);
    if (start) query = query.where('p.created_at', '>=', start);
    if (end) query = query.where('p.created_at', '<', end);
    const rows = await execute(this.dataSource, query);
    return rows.map((r) => ({
      status: r.status,
      dimension: r.dimension,
      reasonCode: r.reason_code,
      createdAt: new Date(r.created_at),
      fixedAt: r.fixed_at && new Date(r.fixed_at),
      incidents: Number(r.incidents),
    }));
  }
}
