import type { IncidentEntity, IncidentEventEntity } from '@turbota/persistence';
import { maskEmail, maskPhone, type PiiCipher } from '@turbota/privacy';
import type { Actor, IncidentHistoryEntry, IncidentPriority, IncidentSource, IncidentStatus, IncidentView } from './incident.model';
import { allowedActions } from './incident-transitions';
import { isBreached } from './sla-policy';

/** An incident row with its complaint (for the sealed contacts) and its problem (for the number) joined. */
export type IncidentRow = IncidentEntity & Required<Pick<IncidentEntity, 'complaint'>>;

/** The incident as callers see it; contacts opened only when `reveal`, masked otherwise. */
export function incidentViewOf(row: IncidentRow, cipher: PiiCipher, reveal: boolean): IncidentView {
  const status = row.status as IncidentStatus;
  return {
    id: row.id,
    number: row.number,
    status,
    priority: row.priority as IncidentPriority,
    version: row.version,
    escalationLevel: row.escalationLevel,
    justified: row.justified,
    complaintId: row.complaintId,
    customerId: row.customerId,
    problemId: row.problemId,
    problemNumber: row.problem?.number ?? null,
    reasonCode: row.reasonCode,
    text: row.text,
    metric: row.metric,
    score: row.score,
    contact: contactOf(row, cipher, reveal),
    attributes: { channel: row.channel, locale: row.locale, agent: row.agent, pointOfService: row.pointOfService, serviceType: row.serviceType },
    standardVersion: row.standardVersion,
    acknowledgeBy: row.acknowledgeBy,
    resolveBy: row.resolveBy,
    acknowledgedAt: row.acknowledgedAt,
    resolvedAt: row.resolvedAt,
    rejectedAt: row.rejectedAt,
    closedAt: row.closedAt,
    ackBreachedAt: row.ackBreachedAt,
    resolveBreachedAt: row.resolveBreachedAt,
    breached: isBreached({ status, ackBreachedAt: row.ackBreachedAt, resolveBreachedAt: row.resolveBreachedAt }),
    allowedActions: allowedActions(status),
    source: row.source as IncidentSource,
    externalId: row.externalId,
    slack: row.slackChannel && row.slackTs ? { channel: row.slackChannel, ts: row.slackTs } : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function contactOf(row: IncidentRow, cipher: PiiCipher, reveal: boolean): IncidentView['contact'] {
  const phone = row.complaint.phoneSealed ? cipher.open(row.complaint.phoneSealed) : null;
  const email = row.complaint.emailSealed ? cipher.open(row.complaint.emailSealed) : null;
  if (reveal) return { phone, email, masked: false };
  return { phone: phone && maskPhone(phone), email: email && maskEmail(email), masked: true };
}

/** One audit row as the history shows it. */
export function historyEntryOf(row: Pick<IncidentEventEntity, 'createdAt' | 'action' | 'fromStatus' | 'toStatus' | 'actorKind' | 'actorId' | 'actorName' | 'note'>): IncidentHistoryEntry {
  return {
    at: row.createdAt,
    action: row.action as IncidentHistoryEntry['action'],
    from: row.fromStatus as IncidentStatus | null,
    to: row.toStatus as IncidentStatus,
    actor: actorOf(row),
    note: row.note,
  };
}

/** The actor columns of an audit row. */
export function actorOf(row: { actorKind: string; actorId: string; actorName: string | null }): Actor {
  return { kind: row.actorKind as Actor['kind'], id: row.actorId, ...(row.actorName ? { name: row.actorName } : {}) };
}
