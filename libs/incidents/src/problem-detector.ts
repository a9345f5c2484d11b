import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager, In, IsNull } from 'typeorm';
import { type ComplaintEntity, execute, IncidentEntity, ProblemEntity } from '@turbota/persistence';
import { IncidentJournal, SYSTEM_ACTOR } from './incident-journal';
import { INCIDENTS_CONFIG, type IncidentsConfig } from './incidents-config';
import { type DetectedProblem, detectProblem, dimensionValue, type ProblemCandidate } from './problem-rule';
import { ADVISORY_LOCK_CLASSES } from '@turbota/common';

const DAY_MS = 86_400_000;

/**
 * Runs in the transaction that creates an incident: joins it to the active problem it
 * repeats, or makes a new problem when it completes the rule's count (of incidents, and of
 * distinct customers). The incident comes with its complaint, for who left which contact.
 */
@Injectable()
export class ProblemDetector {
  constructor(
    @Inject(INCIDENTS_CONFIG) private readonly config: IncidentsConfig,
    private readonly journal: IncidentJournal,
  ) {}

  async afterIncident(tx: EntityManager, incident: IncidentWithComplaint, now: Date): Promise<void> {
    if (!incident.reasonCode) return;
    // Incidents with one reason take turns here, so two at once never both miss (or both make) a problem.
    await execute(tx, sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_CLASSES.problems}::int, hashtext(${incident.reasonCode}))`);
    const active = await this.activeProblemOf(tx, incident);
    if (active) return this.link(tx, active, incident, now);
    const detected = detectProblem(candidateOf(incident), await this.unlinkedPeers(tx, incident), this.config.problems);
    if (detected) await this.open(tx, detected, incident, now);
  }

  /** An open or investigated problem with the incident's reason and one of its dimension values. */
  private async activeProblemOf(tx: EntityManager, incident: IncidentEntity): Promise<ProblemEntity | null> {
    for (const dimension of this.config.problems.dimensions) {
      const value = dimensionValue(incident, dimension);
      if (value === null) continue;
      const problem = await tx.findOne(ProblemEntity, {
        where: { reasonCode: incident.reasonCode!, dimension, dimensionValue: value, status: In(['open', 'investigating']) },
        order: { createdAt: 'DESC' },
        lock: { mode: 'pessimistic_write' },
      });
      if (problem) return problem;
    }
    return null;
  }

  /** Incidents with the same reason within the window, not yet part of a problem, sharing a dimension value. */
  private async unlinkedPeers(tx: EntityManager, incident: IncidentEntity): Promise<ProblemCandidate[]> {
    const since = new Date(incident.createdAt.getTime() - this.config.problems.windowDays * DAY_MS);
    const query = tx
      .createQueryBuilder(IncidentEntity, 'i')
      .leftJoin('i.complaint', 'c')
      .addSelect(['c.id', 'c.phoneIndex'])
      .where('i.reasonCode = :reason AND i.problemId IS NULL AND i.createdAt >= :since AND i.id <> :id', {
        reason: incident.reasonCode,
        since,
        id: incident.id,
      });
    const shared = this.config.problems.dimensions
      .map((dimension) => ({ column: COLUMNS[dimension], value: dimensionValue(incident, dimension) }))
      .filter((d) => d.value !== null);
    if (shared.length === 0) return [];
    query.andWhere(`(${shared.map((d, i) => `i.${d.column} = :v${i}`).join(' OR ')})`, Object.fromEntries(shared.map((d, i) => [`v${i}`, d.value])));
    return (await query.getMany()).map(candidateOf);
  }

  private async link(tx: EntityManager, problem: ProblemEntity, incident: IncidentEntity, now: Date): Promise<void> {
    await tx.update(IncidentEntity, incident.id, { problemId: problem.id });
    await tx.update(ProblemEntity, problem.id, { lastSeenAt: incident.createdAt, version: problem.version + 1, updatedAt: now });
    const status = problem.status as 'open' | 'investigating';
    await this.journal.problem(tx, problem.id, { action: 'link', from: status, to: status, actor: SYSTEM_ACTOR, note: null, incidentId: incident.id }, now);
  }

  private async open(tx: EntityManager, detected: DetectedProblem, incident: IncidentEntity, now: Date): Promise<void> {
    const problem = await tx.save(ProblemEntity, {
      status: 'open',
      version: 1,
      reasonCode: detected.reasonCode,
      dimension: detected.dimension,
      dimensionValue: detected.value,
      windowDays: this.config.problems.windowDays,
      firstSeenAt: detected.firstSeenAt,
      lastSeenAt: detected.lastSeenAt,
      fixedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await tx.update(IncidentEntity, { id: In(detected.incidentIds), problemId: IsNull() }, { problemId: problem.id });
    const note = `${detected.incidentIds.length} incidents with the reason "${detected.reasonCode}" and the ${detected.dimension.replace(/_/g, ' ')} "${detected.value}" within ${this.config.problems.windowDays} days`;
    await this.journal.problem(tx, problem.id, { action: 'detect', from: null, to: 'open', actor: SYSTEM_ACTOR, note, incidentId: incident.id }, now, 'problem_detected');
  }
}

const COLUMNS = { point_of_service: 'pointOfService', agent: 'agent', service_type: 'serviceType' } as const;

/** An incident with the complaint it came from (only its phone's blind index is read). */
export type IncidentWithComplaint = IncidentEntity & { complaint?: Pick<ComplaintEntity, 'phoneIndex'> };

function candidateOf(i: IncidentWithComplaint): ProblemCandidate {
  const contactKey = i.complaint?.phoneIndex ? i.complaint.phoneIndex.toString('hex') : null;
  return { id: i.id, customerId: i.customerId, contactKey, reasonCode: i.reasonCode, pointOfService: i.pointOfService, agent: i.agent, serviceType: i.serviceType, createdAt: i.createdAt };
}
