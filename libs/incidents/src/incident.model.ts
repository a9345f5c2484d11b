import type { Locale } from '@turbota/common';
import type { NextSteps } from '@turbota/standard';

export const INCIDENT_STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** What someone can do to an incident; which ones are legal depends on its status. */
export const INCIDENT_ACTIONS = ['acknowledge', 'start', 'resolve', 'reject', 'close', 'reopen', 'escalate'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

export type IncidentPriority = 'high' | 'normal' | 'low';

/** Who did something: an API key, a Slack user, the customer (closing the loop) or Turbota itself (SLA). */
export interface Actor {
  kind: 'api_key' | 'slack_user' | 'customer' | 'system';
  id: string;
  name?: string;
}

/** One change to an incident, as the audit trail keeps it. */
export interface IncidentCommand {
  action: IncidentAction;
  actor: Actor;
  note?: string;
  /** With `resolve`: whether the complaint was justified. */
  justified?: boolean;
  /** Optimistic check: refused with 409 when the incident moved on since. */
  expectedVersion?: number;
}

export interface IncidentHistoryEntry {
  at: Date;
  action: IncidentAction | 'create' | 'sla_breach' | 'customer_confirmed' | 'customer_disputed';
  from: IncidentStatus | null;
  to: IncidentStatus;
  actor: Actor;
  note: string | null;
}

/** An incident as callers see it; contacts are masked unless the caller's role may see them. */
export interface IncidentView {
  id: string;
  /** Short human number (INC-42) that a supervisor can type in Slack. */
  number: number;
  status: IncidentStatus;
  priority: IncidentPriority;
  version: number;
  escalationLevel: number;
  justified: boolean | null;
  complaintId: string;
  customerId: string | null;
  problemId: string | null;
  reasonCode: string | null;
  text: string | null;
  metric: string | null;
  score: number | null;
  contact: { phone: string | null; email: string | null; masked: boolean };
  attributes: { channel: string; locale: Locale; agent: string | null; pointOfService: string | null; serviceType: string | null };
  standardVersion: number;
  acknowledgeBy: Date;
  resolveBy: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The detail: the view, its history, and what the standard says to do now. */
export interface IncidentDetail extends IncidentView {
  history: IncidentHistoryEntry[];
  nextSteps: NextSteps;
}
