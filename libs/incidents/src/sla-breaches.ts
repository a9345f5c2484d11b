import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { executeTakeFirst, IncidentEntity, qb } from '@turbota/persistence';
import type { IncidentStatus } from './incident.model';
import { IncidentJournal, SYSTEM_ACTOR } from './incident-journal';
import { type SlaBreach, dueBreaches } from './sla-policy';

const BREACH_COLUMN = { acknowledge: 'ackBreachedAt', resolve: 'resolveBreachedAt' } as const;

/**
 * Marks passed SLA deadlines, one incident per transaction: the incident is claimed with
 * `SKIP LOCKED`, each breach is stamped once (its column is then set, so no process or
 * restart fires it again), the escalation level rises, and the audit row and the
 * supervisors' notice commit with it.
 */
@Injectable()
export class SlaBreaches {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly journal: IncidentJournal,
  ) {}

  /** Handles the next incident with a breach due; answers whether there was one. */
  fireNext(): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      // The deadlines and "now" are both the process clock's (never SQL interval arithmetic).
      const now = this.clock.now();
      const due = await executeTakeFirst(
        tx,
        qb
          .selectFrom('incident')
          .select('id')
          .where((eb) =>
            eb.or([
              eb.and([eb('status', '=', 'new'), eb('ack_breached_at', 'is', null), eb('acknowledge_by', '<=', now)]),
              eb.and([eb('status', 'in', ['new', 'acknowledged', 'in_progress']), eb('resolve_breached_at', 'is', null), eb('resolve_by', '<=', now)]),
            ]),
          )
          .orderBy(
            sql`least(CASE WHEN status = 'new' AND ack_breached_at IS NULL THEN acknowledge_by END,
                      CASE WHEN resolve_breached_at IS NULL THEN resolve_by END)`,
          )
          .limit(1)
          .forUpdate()
          .skipLocked(),
      );
      if (!due) return false;
      const incident = await tx.findOneByOrFail(IncidentEntity, { id: due.id });
      const status = incident.status as IncidentStatus;
      const breaches = dueBreaches({ ...incident, status }, now);
      if (breaches.length === 0) return true;
      const columns: Pick<IncidentEntity, 'escalationLevel' | 'version' | 'updatedAt'> & Partial<Pick<IncidentEntity, 'ackBreachedAt' | 'resolveBreachedAt'>> = {
        escalationLevel: incident.escalationLevel + breaches.length,
        version: incident.version + 1,
        updatedAt: now,
      };
      for (const breach of breaches) columns[BREACH_COLUMN[breach]] = now;
      await tx.update(IncidentEntity, incident.id, columns);
      for (const breach of breaches) {
        const entry = { action: 'sla_breach' as const, from: status, to: status, actor: SYSTEM_ACTOR, note: noteOf(breach, incident) };
        await this.journal.incident(tx, incident.id, entry, now, { kind: 'sla_breached' });
      }
      return true;
    });
  }
}

function noteOf(breach: SlaBreach, incident: IncidentEntity): string {
  const deadline = breach === 'acknowledge' ? incident.acknowledgeBy : incident.resolveBy;
  return `Not ${breach === 'acknowledge' ? 'acknowledged' : 'resolved'} by the deadline, ${deadline.toISOString()}`;
}
