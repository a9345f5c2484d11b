import type { Locale } from '@turbota/common';
import type { NextSteps } from '@turbota/standard';

export const INCIDENT_STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The statuses in which someone still owes the customer an answer. */
export const OPEN_STATUSES: readonly IncidentStatus[] = ['new', 'acknowledged', 'in_progress'];

/** What someone can do to an incident; which ones are legal depends on its status. */
export const INCIDENT_ACTIONS = ['acknowledge', 'start', 'resolve', 'reject', 'close', 'reopen', 'escalate'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

export const INCIDENT_PRIORITIES = ['high', 'normal', 'low'] as const;
export type IncidentPriority = (typeof INCIDENT_PRIORITIES)[number];

/** Where an incident came from: a customer's dialogue, or an integration's `POST /api/v1/incidents`. */
export type IncidentSource = 'dialogue' | 'api';

/** Who can act: an API key, a person in the console, a Slack user, the customer (closing the loop) or Turbota itself (SLA). */
export const ACTOR_KINDS = ['api_key', 'person', 'slack_user', 'customer', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Who did something, as the histories of incidents and problems record it. */
export interface Actor {
  kind: ActorKind;
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

/** What an incident's history records besides the actions: its creation, what Turbota and the customer did, who owns it, who saw the contact. */
export const INCIDENT_EVENTS = ['create', 'sla_breach', 'customer_confirmed', 'customer_disputed', 'customer_statement', 'assign', 'unassign', 'contact_reveal'] as const;
export type IncidentEvent = (typeof INCIDENT_EVENTS)[number];

/** A person as an incident names them: its owner, or whom an assignment concerned. */
export interface PersonRef {
  id: string;
  name: string;
}

export interface IncidentHistoryEntry {
  at: Date;
  /**
   * `customer_statement`: the customer complained again in the conversation while this incident was open; the note holds their words.
   * `assign` / `unassign`: the owner changed (`owner` says to whom, or from whom). `contact_reveal`: the actor was shown the contact.
   */
  action: IncidentAction | IncidentEvent;
  from: IncidentStatus | null;
  to: IncidentStatus;
  actor: Actor;
  note: string | null;
  /** With `assign`: the new owner; with `unassign`: the owner no longer (null if the person is gone). Absent otherwise. */
  owner?: PersonRef | null;
}

/** Gives an incident to a person, or to nobody (`ownerId: null`). */
export interface OwnerCommand {
  ownerId: string | null;
  actor: Actor;
  /** Optimistic check, as with a transition. */
  expectedVersion?: number;
}

/** One line of the conversation as the customer saw it: what the bot asked or said, and what the customer answered. */
export interface TranscriptLine {
  at: Date;
  from: 'bot' | 'customer';
  text: string;
  /** The buttons the bot offered with it (answers, a scale's numbers); empty for the customer's lines. */
  buttons: string[];
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
  /** Why a contact the complaint left cannot be shown (e.g. sealed with an unknown key); its phone or e-mail is then null. */
  contactUnavailable?: string | null;
  attributes: { channel: string; locale: Locale; agent: string | null; pointOfService: string | null; serviceType: string | null };
  standardVersion: number;
  acknowledgeBy: Date;
  resolveBy: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  source: IncidentSource;
  /** The integration's own id of an incident it reported; null for the dialogue's. */
  externalId: string | null;
  /** The problem's short number (PRB-7) when the incident is part of one. */
  problemNumber: number | null;
  rejectedAt: Date | null;
  /** When the deadline to acknowledge passed unmet (set once, by the SLA worker). */
  ackBreachedAt: Date | null;
  /** When the deadline to resolve passed unmet; cleared by a reopen, which sets a new deadline. */
  resolveBreachedAt: Date | null;
  /** True while a passed deadline is still unmet. */
  breached: boolean;
  /** What may be done now (the buttons a supervisor sees). */
  allowedActions: IncidentAction[];
  /** Where the supervisors' message is (written by the Slack sender), null until posted. */
  slack: { channel: string; ts: string } | null;
  /** Who works it; null while nobody does. */
  owner: PersonRef | null;
}

/** The detail: the view, its history, the conversation it came from, and what the standard says to do now. */
export interface IncidentDetail extends IncidentView {
  history: IncidentHistoryEntry[];
  /** The conversation of its complaint as the customer saw it, oldest first; empty for an integration's incident. */
  transcript: TranscriptLine[];
  nextSteps: NextSteps;
}
