import { type IncidentPriority, type IncidentStatus, OPEN_STATUSES } from './incident.model';

/** Minutes to acknowledge and to resolve an incident of each priority, counted from its creation. */
export type SlaPolicy = Record<IncidentPriority, { acknowledgeMinutes: number; resolveMinutes: number }>;

/** A deadline of the SLA: to acknowledge, or to resolve. */
export type SlaBreach = 'acknowledge' | 'resolve';

const MINUTE_MS = 60_000;

/** The deadlines of a new incident. */
export function deadlinesFor(priority: IncidentPriority, createdAt: Date, policy: SlaPolicy): { acknowledgeBy: Date; resolveBy: Date } {
  return {
    acknowledgeBy: new Date(createdAt.getTime() + policy[priority].acknowledgeMinutes * MINUTE_MS),
    resolveBy: resolveDeadline(priority, createdAt, policy),
  };
}

/** The deadline to resolve, counted from `from` (the creation, or a reopen). */
export function resolveDeadline(priority: IncidentPriority, from: Date, policy: SlaPolicy): Date {
  return new Date(from.getTime() + policy[priority].resolveMinutes * MINUTE_MS);
}

/** What decides whether a deadline has passed unmet. */
export interface SlaFacts {
  status: IncidentStatus;
  acknowledgeBy: Date;
  resolveBy: Date;
  ackBreachedAt: Date | null;
  resolveBreachedAt: Date | null;
}

/**
 * The breaches due now and not yet marked: to acknowledge while the incident is still new,
 * to resolve while it is still open. Each deadline is breached at most once.
 */
export function dueBreaches(incident: SlaFacts, now: Date): SlaBreach[] {
  const due: SlaBreach[] = [];
  const open = OPEN_STATUSES.includes(incident.status);
  if (incident.status === 'new' && !incident.ackBreachedAt && incident.acknowledgeBy <= now) due.push('acknowledge');
  if (open && !incident.resolveBreachedAt && incident.resolveBy <= now) due.push('resolve');
  return due;
}

/** True while a passed deadline is still unmet: not acknowledged in time and still new, or open past the deadline to resolve. */
export function isBreached(incident: Pick<SlaFacts, 'status' | 'ackBreachedAt' | 'resolveBreachedAt'>): boolean {
  if (incident.status === 'new' && incident.ackBreachedAt) return true;
  return OPEN_STATUSES.includes(incident.status) && incident.resolveBreachedAt !== null;
}
