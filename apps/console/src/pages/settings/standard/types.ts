import type { ApiPaths } from '../../../api/client';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** A published version of the service standard: its table, who published it and when. */
export type StandardVersion = JsonOf<ApiPaths['/api/v1/standard']['get']['responses'][200]>;
/** The Event -> Tasks -> Actions table, every event present. */
export type StandardEvents = StandardVersion['events'];
/** An event of the standard (`detractor`, `incident_resolved`…). */
export type StandardEvent = keyof StandardEvents;
/** One event's tasks for the staff and actions for the customer. */
export type EventSteps = StandardEvents[StandardEvent];
/** A task for the staff, in every language. */
export type Task = EventSteps['tasks'][number];
/** A customer-facing action: its code and phrase variants per language. */
export type Action = EventSteps['actions'][number];
/** A language of the standard's texts. */
export type TextLocale = keyof Task;

/** The standard's languages, in the order the editor shows them side by side. */
export const TEXT_LOCALES: readonly TextLocale[] = ['uk', 'ru', 'en'];
