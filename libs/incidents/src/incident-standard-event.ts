import type { StandardEvent } from '@turbota/standard';
import type { IncidentHistoryEntry, IncidentStatus } from './incident.model';
import { isBreached } from './sla-policy';

/** What decides which event of the service standard an incident is at. */
export interface IncidentMoment {
  status: IncidentStatus;
  ackBreachedAt: Date | null;
  resolveBreachedAt: Date | null;
  /** When it was settled as resolved (null when rejected or not settled). */
  resolvedAt: Date | null;
  /** Oldest first. */
  history: Pick<IncidentHistoryEntry, 'action'>[];
}

/**
 * The standard's event for an incident's state, whose next steps the staff should follow now:
 * a passed deadline first (escalation is what matters then), then a customer's "not solved",
 * then the status.
 */
export function standardEventFor(incident: IncidentMoment): StandardEvent {
  if (isBreached(incident)) return 'sla_breached';
  switch (incident.status) {
    case 'new':
      return 'complaint_with_contacts';
    case 'acknowledged':
    case 'in_progress':
      return reopenedByCustomer(incident.history) ? 'customer_not_resolved' : 'incident_acknowledged';
    case 'resolved':
      return 'incident_resolved';
    case 'rejected':
      return 'incident_rejected';
    case 'closed':
      return incident.resolvedAt ? 'incident_resolved' : 'incident_rejected';
  }
}

/** True when the latest reopening was the customer's "not solved". */
function reopenedByCustomer(history: Pick<IncidentHistoryEntry, 'action'>[]): boolean {
  const reopening = history.filter((h) => h.action === 'reopen' || h.action === 'customer_disputed').pop();
  return reopening?.action === 'customer_disputed';
}
