import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Expression, type SqlBool } from 'kysely';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { INCIDENT_STATUSES, type IncidentStatus } from '@turbota/incidents';
import { execute, qb } from '@turbota/persistence';
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
    const [counts] = await execute(
      this.dataSource,
      qb
        .selectFrom('answer')
        .select((eb) => {
          const count = (filter: Expression<SqlBool>) => eb.cast<number>(eb.fn.countAll().filterWhere(filter), 'integer');
          return [
            count(eb('score', '>=', 9)).as('promoters'),
            count(eb.between('score', 7, 8)).as('passives'),
            count(eb('score', '<=', 6)).as('detractors'),
          ];
        })
        .where('question_type', '=', 'nps')
        .where('score', 'is not', null)
        .where('answered_at', '>=', since),
    );
    const rows = await execute(
      this.dataSource,
      qb
        .selectFrom('incident')
        .select((eb) => ['status', eb.cast<number>(eb.fn.countAll(), 'integer').as('n')])
        .groupBy('status'),
    );
    const incidents = Object.fromEntries(INCIDENT_STATUSES.map((s) => [s, 0])) as Record<IncidentStatus, number>;
    for (const row of rows) incidents[row.status as IncidentStatus] = row.n;
    return { days, nps: nps(counts), incidents };
  }
}
