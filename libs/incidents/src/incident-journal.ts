import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IncidentEventEntity, ProblemEventEntity, StaffNoticeEntity, type StaffNoticeKind } from '@turbota/persistence';
import type { Actor, IncidentHistoryEntry } from './incident.model';
import type { ProblemHistoryEntry } from './problem.model';

/** One change to record: what was done, from which status to which, by whom and why (a customer's statement: which complaint; an assignment: which person). */
export type IncidentEntry = Omit<IncidentHistoryEntry, 'at' | 'owner'> & { complaintId?: string; ownerId?: string };
export type ProblemEntry = Omit<ProblemHistoryEntry, 'at'>;

/** The supervisors' notice a change writes: its kind, and when it is due (now unless it waits for a digest). */
export interface NoticeOptions {
  kind?: Extract<StaffNoticeKind, 'incident_changed' | 'sla_breached' | 'incident_digest'>;
  dueAt?: Date;
}

/**
 * Writes the audit row of a change and the supervisors' notice of it, in the caller's
 * transaction: a change is never committed without both.
 */
@Injectable()
export class IncidentJournal {
  async incident(tx: EntityManager, incidentId: string, entry: IncidentEntry, now: Date, notice: NoticeOptions = {}): Promise<void> {
    await tx.insert(IncidentEventEntity, {
      incidentId,
      action: entry.action,
      fromStatus: entry.from,
      toStatus: entry.to,
      ...actorColumns(entry.actor),
      note: entry.note,
      complaintId: entry.complaintId ?? null,
      ownerPersonId: entry.ownerId ?? null,
      createdAt: now,
    });
    await this.notice(tx, { kind: notice.kind ?? 'incident_changed', incidentId, problemId: null }, now, notice.dueAt);
  }

  async problem(
    tx: EntityManager,
    problemId: string,
    entry: ProblemEntry,
    now: Date,
    kind: Extract<StaffNoticeKind, 'problem_detected' | 'problem_changed'> = 'problem_changed',
  ): Promise<void> {
    await tx.insert(ProblemEventEntity, {
      problemId,
      incidentId: entry.incidentId,
      action: entry.action,
      fromStatus: entry.from,
      toStatus: entry.to,
      ...actorColumns(entry.actor),
      note: entry.note,
      createdAt: now,
    });
    await this.notice(tx, { kind, incidentId: entry.incidentId, problemId }, now);
  }

  private async notice(tx: EntityManager, about: Pick<StaffNoticeEntity, 'kind' | 'incidentId' | 'problemId'>, now: Date, dueAt = now): Promise<void> {
    await tx.insert(StaffNoticeEntity, { ...about, status: 'pending', attempts: 0, nextAttemptAt: dueAt, createdAt: now });
  }
}

function actorColumns(actor: Actor) {
  return { actorKind: actor.kind, actorId: actor.id, actorName: actor.name ?? null };
}

/** Turbota itself, as the actor of what its workers do. */
export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'turbota', name: 'Turbota' };
