import { z } from 'zod';
import { type Locale, LOCALES, type LocalizedText } from '@turbota/common';
import { type NextSteps, type NextStepsLocales, STANDARD_EVENTS, type StandardEvent } from './standard-event';

/** A customer-facing action of the standard: a code and, per language, the phrase variants that fulfil it. */
export interface StandardAction {
  /** A short lower-case name, unique within its event, e.g. `apologise`. */
  code: string;
  /**
   * Several ways to say it per language, so no customer hears the same line twice in a row;
   * `{name}` stands for the customer's name (the bot says such a variant only when it knows the name).
   */
  phrases: Record<Locale, string[]>;
}

/** What the standard says for one event: the staff's tasks, then the customer-facing actions. */
export interface StandardEventSteps {
  tasks: LocalizedText[];
  /** At least one, in order; the bot says a variant of the first one when it meets the event. */
  actions: StandardAction[];
}

/** One version of the service standard: the Event -> Tasks -> Actions table, every event present. */
export interface StandardTable {
  events: Record<StandardEvent, StandardEventSteps>;
}

/** A field of the table and what is wrong with it, e.g. `events.detractor.actions[apologise].phrases.uk`. */
export interface StandardProblem {
  field: string;
  problems: string[];
}

export type StandardParseResult = { ok: true; value: StandardTable } | { ok: false; errors: StandardProblem[] };

export const MIN_PHRASE_VARIANTS = 2;

/** The one placeholder a phrase may hold. */
export const NAME_PLACEHOLDER = '{name}';

const text = (max: number) =>
  z
    .string('must be a text')
    .trim()
    .min(1, 'must not be empty')
    .max(max, `takes at most ${max} characters`);

const localized = <T extends z.ZodType>(value: T) =>
  z.strictObject(Object.fromEntries(LOCALES.map((locale) => [locale, value])) as Record<Locale, T>, 'must give every language: uk, ru, en');

const action = z
  .strictObject({
    code: z
      .string('must be a text')
      .regex(/^[a-z][a-z0-9_]{0,49}$/, 'must be a lower-case code such as "apologise"')
      .meta({ example: 'apologise', description: 'Unique within its event' }),
    phrases: localized(
      z
        .array(
          text(1000).refine((phrase) => !/\{(?!name\})[^}]*\}/.test(phrase), `may hold no placeholder but ${NAME_PLACEHOLDER}`),
          'must be a list of phrases',
        )
        .min(MIN_PHRASE_VARIANTS, `must hold at least ${MIN_PHRASE_VARIANTS} variants, so the customer does not hear the same line twice`)
        .max(10, 'takes at most 10 variants')
        .refine((variants) => new Set(variants).size === variants.length, 'must not repeat a variant'),
    ).meta({
      description: `At least ${MIN_PHRASE_VARIANTS} variants per language, none repeated; ${NAME_PLACEHOLDER} stands for the customer's name (such a variant is said only when the name is known)`,
      example: {
        uk: ['Вибачте, що ми вас підвели.', 'Нам прикро, що так сталося.'],
        ru: ['Простите, что подвели вас.', 'Нам жаль, что так вышло.'],
        en: ["We're sorry we let you down.", "We're sorry it went this way."],
      },
    }),
  })
  .meta({ id: 'StandardAction', description: 'A customer-facing action: a code and, per language, the phrase variants that fulfil it' });

const task = localized(text(500)).meta({
  example: {
    uk: 'Дайте клієнтові висловитися й назвати причину.',
    ru: 'Дайте клиенту высказаться и назвать причину.',
    en: 'Give the customer the chance to speak and name the reason.',
  },
});

const eventSteps = z
  .strictObject({
    tasks: z
      .array(task, 'must be a list of tasks')
      .min(1, 'must hold at least one task')
      .max(20, 'takes at most 20 tasks')
      .meta({ description: "The staff's tasks, in order, in every language" }),
    actions: z
      .array(action, 'must be a list of actions')
      .min(1, 'must hold at least one action')
      .max(20, 'takes at most 20 actions')
      .meta({ description: 'Customer-facing actions, in order; the bot says a variant of the first one when it meets the event' }),
  })
  .superRefine((steps, ctx) => {
    const seen = new Set<string>();
    steps.actions.forEach((a, index) => {
      if (seen.has(a.code)) ctx.addIssue({ code: 'custom', path: ['actions', index, 'code'], message: `"${a.code}" is used by another action of this event` });
      seen.add(a.code);
    });
  })
  .meta({ id: 'StandardEventSteps', description: 'What the standard says for one event: the staff\'s tasks, then the customer-facing actions' });

/** Every event of the standard with its steps; a table sent and a version read carry the same. */
export const standardEventsSchema = z
  .strictObject(
    Object.fromEntries(STANDARD_EVENTS.map((event) => [event, eventSteps])) as Record<StandardEvent, typeof eventSteps>,
    `must give every event: ${STANDARD_EVENTS.join(', ')}`,
  )
  .meta({ id: 'StandardEvents', description: `Every event, each required: ${STANDARD_EVENTS.join(', ')}` });

/** The whole table as an admin publishes it: every event, each with its tasks and actions. */
export const standardTableSchema = z.strictObject({ events: standardEventsSchema }, 'must be an object with "events"').meta({ id: 'StandardTableInput' });

/** Checks a whole table: every event, every language of every task and phrase, unique action codes. */
export function parseStandardTable(input: unknown): StandardParseResult {
  const parsed = standardTableSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      field: fieldOf(issue.path, input) || '(body)',
      problems: [issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : missingOr(issue, input)],
    })),
  };
}

/** zod says "expected object, received undefined" for a missing key; say which one is missing instead. */
function missingOr(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type' && issue.path.length > 0 && valueAt(input, issue.path) === undefined) return 'is missing';
  return issue.message;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined), input);
}

/** `events.detractor.actions[apologise].phrases.uk.1`: an action is named by its code where it has one. */
function fieldOf(path: PropertyKey[], input: unknown): string {
  let field = '';
  let node: unknown = input;
  path.forEach((key, index) => {
    const child = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    const code = path[index - 1] === 'actions' ? (child as { code?: unknown } | undefined)?.code : undefined;
    if (typeof code === 'string' && code) field += `[${code}]`;
    else if (typeof key === 'number') field += `[${key}]`;
    else field += `${field ? '.' : ''}${String(key)}`;
    node = child;
  });
  return field;
}

/**
 * The next steps of one event, as the standard's version says them: in one language, or the
 * tasks in the staff's and the phrases in the customer's (the table keeps both in every language).
 */
export function nextStepsOf(table: StandardTable, event: StandardEvent, locales: Locale | NextStepsLocales, version: number): NextSteps {
  const steps = table.events[event];
  const { customer: locale, staff: tasksLocale } = typeof locales === 'string' ? { customer: locales, staff: locales } : locales;
  return {
    event,
    locale,
    tasksLocale,
    version,
    tasks: steps.tasks.map((task) => task[tasksLocale]),
    actions: steps.actions.map((a) => ({ action: a.code, phrases: [...a.phrases[locale]] })),
  };
}
