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

/**
 * What the standard says to do when an event happens: the staff's tasks in the language of
 * whoever reads them, the phrases in the customer's.
 */
export interface NextSteps {
  event: StandardEvent;
  /** The language of the phrases: the customer's. */
  locale: Locale;
  /** The language of the tasks: the reader's (the same as `locale` unless asked otherwise). */
  tasksLocale: Locale;
  /** The version of the standard these come from. */
  version: number;
  /** What the staff should do, in order. */
  tasks: string[];
  /** What to say to the customer: each action with its phrase variants. */
  actions: { action: string; phrases: string[] }[];
}

/** The languages of next steps: the customer's for the phrases, and the staff reader's for the tasks. */
export interface NextStepsLocales {
  customer: Locale;
  staff: Locale;
}
