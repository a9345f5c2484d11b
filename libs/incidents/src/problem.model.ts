import { ConflictError } from '@turbota/common';
import type { Actor, IncidentView } from './incident.model';
import type { ProblemDimension } from './problem-rule';

export const PROBLEM_STATUSES = ['open', 'investigating', 'fixed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** What someone can do to a problem. */
export const PROBLEM_ACTIONS = ['investigate', 'fix', 'reopen'] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];

const PROBLEM_TRANSITIONS: Record<ProblemAction, { from: ProblemStatus[]; to: ProblemStatus }> = {
  investigate: { from: ['open'], to: 'investigating' },
  fix: { from: ['open', 'investigating'], to: 'fixed' },
  reopen: { from: ['fixed'], to: 'open' },
};

/** An action the problem's status does not allow; the message says what is allowed. */
export class IllegalProblemTransitionError extends ConflictError {
  constructor(action: string, status: ProblemStatus) {
    const allowed = allowedProblemActions(status);
    super(`Cannot ${action} a problem that is ${status}; from ${status} you may: ${allowed.join(', ')}`);
  }
}

export function allowedProblemActions(status: ProblemStatus): ProblemAction[] {
  return PROBLEM_ACTIONS.filter((action) => PROBLEM_TRANSITIONS[action].from.includes(status));
}

/** The status a problem moves to, or an {@link IllegalProblemTransitionError}. */
export function nextProblemStatus(status: ProblemStatus, action: ProblemAction): ProblemStatus {
  const rule = PROBLEM_TRANSITIONS[action];
  if (!rule.from.includes(status)) throw new IllegalProblemTransitionError(action, status);
  return rule.to;
}

/** One change to a problem: detected, an incident joined, or a transition. */
export interface ProblemHistoryEntry {
  at: Date;
  action: 'detect' | 'link' | ProblemAction;
  from: ProblemStatus | null;
  to: ProblemStatus;
  actor: Actor;
  note: string | null;
  /** The incident that joined (with `link` and `detect`). */
  incidentId: string | null;
}

/** A problem as callers see it: repeated incidents with one reason at one point, agent or service type. */
export interface ProblemView {
  id: string;
  /** Short human number (PRB-7). */
  number: number;
  status: ProblemStatus;
  version: number;
  reasonCode: string;
  dimension: ProblemDimension;
  value: string;
  /** The rule's window when it was detected. */
  windowDays: number;
  incidentCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  fixedAt: Date | null;
  allowedActions: ProblemAction[];
  slack: { channel: string; ts: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The problem with its incidents (newest first) and its history. */
export interface ProblemDetail extends ProblemView {
  incidents: IncidentView[];
  history: ProblemHistoryEntry[];
}
