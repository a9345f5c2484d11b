import { type Action, type EventSteps, type StandardEvent, type StandardEvents, type Task, TEXT_LOCALES, type TextLocale } from './types';

/** The least number of variants the API takes for each action in each language. */
export const MIN_VARIANTS = 2;

/** A task with no text yet. */
export const emptyTask = (): Task => ({ uk: '', ru: '', en: '' });

/** An action with no code and the least number of empty variants. */
export const emptyAction = (): Action => ({ code: '', phrases: { uk: ['', ''], ru: ['', ''], en: ['', ''] } });

/** The table with one event's steps replaced. */
export const withSteps = (events: StandardEvents, event: StandardEvent, steps: EventSteps): StandardEvents => ({ ...events, [event]: steps });

/**
 * How the API names an action in a field (`events.detractor.actions[apologise]`): by its code when
 * it has one, else by its place. The editor names its own fields the same way, so the API's
 * problems land where they belong.
 */
export function actionField(event: StandardEvent, action: Action, index: number): string {
  return `events.${event}.actions[${action.code.trim() ? action.code : index}]`;
}

/** The field of a task's text in one language, as the API names it. */
export const taskField = (event: StandardEvent, index: number, locale: TextLocale) => `events.${event}.tasks[${index}].${locale}`;

/** Every field the editor shows, named as the API names it, with its text (none for a list's own field). */
function fieldsWithText(events: StandardEvents): { field: string; text?: string }[] {
  return (Object.entries(events) as [StandardEvent, EventSteps][]).flatMap(([event, steps]) => [
    ...steps.tasks.flatMap((task, i) => TEXT_LOCALES.map((locale) => ({ field: taskField(event, i, locale), text: task[locale] }))),
    ...steps.actions.flatMap((action, i) => {
      const field = actionField(event, action, i);
      return [
        { field: `${field}.code`, text: action.code },
        ...TEXT_LOCALES.flatMap((locale) => [{ field: `${field}.phrases.${locale}` }, ...action.phrases[locale].map((text, v) => ({ field: `${field}.phrases.${locale}[${v}]`, text }))]),
      ];
    }),
  ]);
}

/** The fields the editor shows: the API's problems at any other field are shown above the form. */
export const shownFields = (events: StandardEvents): string[] => fieldsWithText(events).map(({ field }) => field);

/** The fields left empty (a missing translation, a code not given). */
export const emptyFields = (events: StandardEvents): string[] => fieldsWithText(events).flatMap(({ field, text }) => (text !== undefined && !text.trim() ? [field] : []));

/** Whether two events' steps say the same. */
export const sameSteps = (a: EventSteps, b: EventSteps) => JSON.stringify(a) === JSON.stringify(b);

/** The events whose steps differ between two tables. */
export function changedEvents(before: StandardEvents, after: StandardEvents): StandardEvent[] {
  return (Object.keys(after) as StandardEvent[]).filter((event) => !before[event] || !sameSteps(before[event], after[event]));
}
