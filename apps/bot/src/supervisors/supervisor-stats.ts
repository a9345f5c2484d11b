import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { INCIDENT_STATUSES, type IncidentStatus } from '@turbota/incidents';
import { nps, type NpsResult } from '@turbota/statistics';

/** The quick figures a supervisor asks for in Slack. */
export interface QuickStats {
  days: number;
  nps: NpsResult;
  incidents: Record<IncidentStatus, number>;
}

/** Reads the quick figures: NPS of recent answers with its interval, and incidents by status. */
@Injectable()
export class SupervisorStats {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async read(days = 7): Promise<QuickStats> {
    // The window starts on the process clock, as the answers' times do.
    const since = new Date(this.clock.now().getTime() - days * 86_400_000);
    const [counts] = await this.dataSource.query<{ promoters: number; passives: number; detractors: number }[]>(
      `SELECT count(*) FILTER (WHERE score >= 9)::int AS promoters,
              count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
              count(*) FILTER (WHERE score <= 6)::int AS detractors
       FROM answer WHERE question_type = 'nps' AND score IS NOT NULL AND answered_at >= $1`,
      [since],
    );
    const rows = await this.dataSource.query<{ status: IncidentStatus; n: number }[]>(`SELECT status, count(*)::int AS n FROM incident GROUP BY status`);
    const incidents = Object.fromEntries(INCIDENT_STATUSES.map((s) => [s, 0])) as Record<IncidentStatus, number>;
    for (const row of rows) incidents[row.status] = row.n;
    return { days, nps: nps(counts), incidents };
  }
}
