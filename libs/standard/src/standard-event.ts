import type { Locale } from '@turbota/common';

/** The events of the service standard's Event -> Tasks -> Actions table. */
export const STANDARD_EVENTS = [
  'invitation',
  'promoter',
  'passive',
  'detractor',
  'complaint_without_contacts',
  'complaint_with_contacts',
  'incident_acknowledged',
  'incident_resolved',
  'incident_rejected',
  'sla_breached',
  'problem_detected',
  'customer_not_resolved',
] as const;

export type StandardEvent = (typeof STANDARD_EVENTS)[number];

/** What the standard says to do when an event happens, in one language. */
export interface NextSteps {
  event: StandardEvent;
  locale: Locale;
  /** The version of the standard these come from. */
  version: number;
  /** What the staff should do, in order. */
  tasks: string[];
  /** What to say to the customer: each action with its phrase variants. */
  actions: { action: string; phrases: string[] }[];
}
