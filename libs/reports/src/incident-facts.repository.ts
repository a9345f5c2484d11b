import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { IncidentFacts } from './incident-figures';
import type { ProblemFacts } from './problem-figures';
import { attributeConditions, ReportFilters, whereOf } from './report-filters';

/** Reads the incidents and problems created in a period, reduced to the facts the figures need. */
@Injectable()
export class IncidentFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async incidents(filters: ReportFilters): Promise<IncidentFacts[]> {
    const conditions = attributeConditions(filters, { alias: 'i', period: { column: 'created_at', kind: 'timestamp' } });
    const rows = await this.dataSource.query<{ status: string; priority: string; created_at: Date; acknowledged_at: Date | null; resolved_at: Date | null; breached: boolean }[]>(
      `SELECT i."status", i."priority", i."created_at", i."acknowledged_at", i."resolved_at",
              (i."ack_breached_at" IS NOT NULL OR i."resolve_breached_at" IS NOT NULL) AS "breached"
       FROM "incident" i ${whereOf(conditions)}`,
      conditions.parameters,
    );
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
    const conditions = attributeConditions({ from: filters.from, to: filters.to }, { alias: 'p', period: { column: 'created_at', kind: 'timestamp' } });
    const rows = await this.dataSource.query<{ status: string; dimension: string; reason_code: string; created_at: Date; fixed_at: Date | null; incidents: string }[]>(
      `SELECT p."status", p."dimension", p."reason_code", p."created_at", p."fixed_at",
              (SELECT count(*) FROM "incident" i WHERE i."problem_id" = p."id")::text AS "incidents"
       FROM "problem" p ${whereOf(conditions)}`,
      conditions.parameters,
    );
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
