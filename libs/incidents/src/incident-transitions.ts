import { ConflictError, InvalidInputError } from '@turbota/common';
import { INCIDENT_ACTIONS, type IncidentAction, type IncidentPriority, type IncidentStatus, OPEN_STATUSES } from './incident.model';
import { type SlaPolicy, resolveDeadline } from './sla-policy';

const SETTLED: readonly IncidentStatus[] = ['resolved', 'rejected'];

/**
 * Where each action may start and where it leads. Resolve and reject are allowed straight from
 * `new` (a supervisor who settles an incident has attended to it); a reopen goes back to
 * `acknowledged`, since the incident is already known and owned.
 */
const TRANSITIONS: Record<IncidentAction, { from: readonly IncidentStatus[]; to: IncidentStatus | 'same' }> = {
  acknowledge: { from: ['new'], to: 'acknowledged' },
  start: { from: ['new', 'acknowledged'], to: 'in_progress' },
  resolve: { from: OPEN_STATUSES, to: 'resolved' },
  reject: { from: OPEN_STATUSES, to: 'rejected' },
  close: { from: SETTLED, to: 'closed' },
  reopen: { from: [...SETTLED, 'closed'], to: 'acknowledged' },
  escalate: { from: OPEN_STATUSES, to: 'same' },
};

/** The actions legal in a status, in the order a supervisor would read them. */
export function allowedActions(status: IncidentStatus): IncidentAction[] {
  return INCIDENT_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(status));
}

/** An action that the incident's status does not allow; the message says what is allowed. */
export class IllegalTransitionError extends ConflictError {
  constructor(
    readonly action: string,
    readonly status: IncidentStatus,
  ) {
    const allowed = allowedActions(status);
    super(
      `Cannot ${action} an incident that is ${status.replace('_', ' ')}; ` +
        (allowed.length ? `from ${status} you may: ${allowed.join(', ')}` : `nothing can be done from ${status}`),
    );
  }
}

/** A command that lacks what its action needs (a reject without its reason). */
export class InvalidCommandError extends InvalidInputError {}

/** What the state machine needs to know about an incident. */
export interface IncidentFacts {
  status: IncidentStatus;
  priority: IncidentPriority;
  escalationLevel: number;
  acknowledgedAt: Date | null;
}

/** The columns a transition changes; absent ones stay as they are. */
export interface IncidentChange {
  status: IncidentStatus;
  escalationLevel?: number;
  justified?: boolean | null;
  acknowledgedAt?: Date;
  resolvedAt?: Date | null;
  rejectedAt?: Date | null;
  closedAt?: Date | null;
  resolveBy?: Date;
  resolveBreachedAt?: null;
}

/** Checks that the command carries what its action needs; answers the note, trimmed. */
export function checkCommand(command: { action: string; note?: string; justified?: boolean }): string | null {
  if (!(INCIDENT_ACTIONS as readonly string[]).includes(command.action)) {
    throw new InvalidCommandError(`action must be one of ${INCIDENT_ACTIONS.join(', ')}`);
  }
  const note = command.note?.trim() || null;
  if (command.action === 'reject' && !note) throw new InvalidCommandError('reject needs a note: why the complaint is not justified');
  if (command.action === 'resolve' && !note) throw new InvalidCommandError('resolve needs a note: what was done for the customer');
  if (command.action === 'resolve' && typeof command.justified !== 'boolean') {
    throw new InvalidCommandError('resolve needs justified: true or false, whether the complaint was justified');
  }
  if (command.action !== 'resolve' && command.justified !== undefined) {
    throw new InvalidCommandError(`justified belongs to resolve only, not to ${command.action}`);
  }
  return note;
}

/**
 * The change an action makes to an incident, or an {@link IllegalTransitionError}. Call
 * {@link checkCommand} first: this trusts that a resolve carries `justified`.
 */
export function planTransition(
  incident: IncidentFacts,
  command: { action: IncidentAction; justified?: boolean },
  context: { now: Date; sla: SlaPolicy },
): IncidentChange {
  const rule = TRANSITIONS[command.action];
  if (!rule.from.includes(incident.status)) throw new IllegalTransitionError(command.action, incident.status);
  const { now } = context;
  const acknowledged = incident.acknowledgedAt ? {} : { acknowledgedAt: now };
  switch (command.action) {
    case 'acknowledge':
      return { status: 'acknowledged', acknowledgedAt: now };
    case 'start':
      return { status: 'in_progress', ...acknowledged };
    case 'resolve':
      return { status: 'resolved', ...acknowledged, resolvedAt: now, justified: command.justified! };
    case 'reject':
      // A rejected complaint is one the company judged not justified.
      return { status: 'rejected', ...acknowledged, rejectedAt: now, justified: false };
    case 'close':
      return { status: 'closed', closedAt: now };
    case 'reopen':
      // A new deadline to resolve, which may pass (and be announced) once more.
      return {
        status: 'acknowledged',
        ...acknowledged,
        resolvedAt: null,
        rejectedAt: null,
        closedAt: null,
        justified: null,
        resolveBy: resolveDeadline(incident.priority, now, context.sla),
        resolveBreachedAt: null,
      };
    case 'escalate':
      return { status: incident.status, escalationLevel: incident.escalationLevel + 1 };
  }
}

/**
 * The customer's answer to "is it solved?": yes closes a settled incident, no reopens it
 * (a closed one too). Answers the action it amounts to and the change.
 */
export function planCustomerAnswer(
  incident: IncidentFacts,
  solved: boolean,
  context: { now: Date; sla: SlaPolicy },
): { action: 'customer_confirmed' | 'customer_disputed'; change: IncidentChange } {
  if (solved) {
    if (!SETTLED.includes(incident.status)) throw new IllegalTransitionError('confirm as solved', incident.status);
    return { action: 'customer_confirmed', change: planTransition(incident, { action: 'close' }, context) };
  }
  if (!TRANSITIONS.reopen.from.includes(incident.status)) throw new IllegalTransitionError('dispute', incident.status);
  return { action: 'customer_disputed', change: planTransition(incident, { action: 'reopen' }, context) };
}
