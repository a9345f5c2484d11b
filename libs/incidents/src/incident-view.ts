import type { ComplaintEntity, IncidentEntity, IncidentEventEntity, PersonEntity } from '@turbota/persistence';
import { maskEmail, maskPhone, type PiiCipher, PiiDecryptionError } from '@turbota/privacy';
import type { Actor, IncidentHistoryEntry, IncidentPriority, IncidentSource, IncidentStatus, IncidentView, PersonRef } from './incident.model';
import { allowedActions } from './incident-transitions';
import { isBreached } from './sla-policy';

/** An incident row with its complaint (for the sealed contacts), its problem (for the number) and its owner joined. */
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
    ...contactOf(row, cipher, reveal),
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
    owner: personRefOf(row.owner),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function contactOf(row: IncidentRow, cipher: PiiCipher, reveal: boolean): Pick<IncidentView, 'contact' | 'contactUnavailable'> {
  const phone = opened(row.complaint.phoneSealed, cipher);
  const email = opened(row.complaint.emailSealed, cipher);
  const contactUnavailable = phone.unavailable ?? email.unavailable;
  if (reveal) return { contact: { phone: phone.value, email: email.value, masked: false }, contactUnavailable };
  return { contact: { phone: phone.value && maskPhone(phone.value), email: email.value && maskEmail(email.value), masked: true }, contactUnavailable };
}

/** One value that cannot be opened (a key no process has, an altered value) spoils only itself, never the listing. */
function opened(sealed: Buffer | null, cipher: PiiCipher): { value: string | null; unavailable: string | null } {
  if (!sealed) return { value: null, unavailable: null };
  try {
    return { value: cipher.open(sealed), unavailable: null };
  } catch (error) {
    if (!(error instanceof PiiDecryptionError)) throw error;
    return { value: null, unavailable: error.failure === 'unknown-key' ? 'sealed with an unknown key' : 'the sealed value is unreadable' };
  }
}

/** The person an incident or one of its audit rows names, as callers see them; null without one. */
export function personRefOf(person: Pick<PersonEntity, 'id' | 'displayName'> | null | undefined): PersonRef | null {
  return person ? { id: person.id, name: person.displayName } : null;
}

/** The audit row's columns the history shows, with what it loads alongside: the complaint of a statement, the person of an assignment. */
export type HistoryRow = Pick<IncidentEventEntity, 'createdAt' | 'action' | 'fromStatus' | 'toStatus' | 'actorKind' | 'actorId' | 'actorName' | 'note'> &
  Partial<Pick<IncidentEventEntity, 'complaint' | 'owner'>>;

/** What to load with the audit rows for {@link historyEntryOf}. */
export const HISTORY_RELATIONS = { complaint: true, owner: true } as const;

/** One audit row as the history shows it; a customer's statement shows the words of its complaint, an assignment its person (both loaded with it). */
export function historyEntryOf(row: HistoryRow): IncidentHistoryEntry {
  const entry: IncidentHistoryEntry = {
    at: row.createdAt,
    action: row.action as IncidentHistoryEntry['action'],
    from: row.fromStatus as IncidentStatus | null,
    to: row.toStatus as IncidentStatus,
    actor: actorOf(row),
    note: row.action === 'customer_statement' ? statementOf(row.complaint) : row.note,
  };
  return row.action === 'assign' || row.action === 'unassign' ? { ...entry, owner: personRefOf(row.owner) } : entry;
}

/** What the customer said again: their words, and the reason they chose when they chose one; null once erased. */
function statementOf(complaint: Pick<ComplaintEntity, 'text' | 'reasonCode'> | null | undefined): string | null {
  if (!complaint) return null;
  const reason = complaint.reasonCode ? `reason: ${complaint.reasonCode}` : null;
  if (complaint.text && reason) return `${complaint.text} (${reason})`;
  return complaint.text ?? reason;
}

/** The actor columns of an audit row. */
export function actorOf(row: { actorKind: string; actorId: string; actorName: string | null }): Actor {
  return { kind: row.actorKind as Actor['kind'], id: row.actorId, ...(row.actorName ? { name: row.actorName } : {}) };
}
