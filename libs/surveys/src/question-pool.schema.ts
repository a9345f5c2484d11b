import { z } from 'zod';
import { isLocale, LOCALES, type Locale } from '@turbota/common';
import { CONTACT_KINDS, INTEGRAL_METRICS, type Question } from './question';

/** A field of the input and what is wrong with it, as the API reports validation errors. */
export interface FieldProblem {
  field: string;
  problems: string[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldProblem[] };

/** Codes the dialogue's own buttons send (yes / no, skip, that's all): an option may not take them. */
export const RESERVED_OPTION_CODES: readonly string[] = ['yes', 'no', 'skip', 'end'];

/** Question, option and factor codes; short enough to travel in a button's payload (Telegram: 64 bytes). */
export const CODE = /^[a-z0-9][a-z0-9_.-]{0,59}$/;
const code = z.string().regex(CODE, 'must be 1-60 characters: lower-case letters, digits, "_", "-" or "."');

/**
 * Any text per language; completeness is checked afterwards, so the message names the question.
 * The cap is the longest message a messenger takes (Telegram's 4,096); whether a question with
 * its labels fits each enabled channel is the API's check, which names the channel.
 */
const localized = z.record(z.string(), z.string().max(4096));
const factor = z.string().regex(CODE, 'must be a lower-case code such as "empathy"');

const base = { code, text: localized, factor: factor.optional() };
const scale = { ...base, lowLabel: localized.optional(), highLabel: localized.optional() };

const questionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.enum(INTEGRAL_METRICS), ...scale }),
  z.strictObject({ type: z.literal('likert'), ...base, factor }),
  z.strictObject({
    type: z.literal('single_choice'),
    ...base,
    options: z
      .array(z.strictObject({ code, label: localized, factor: factor.optional() }))
      .min(2, 'needs at least two options')
      .max(30, 'takes at most 30 options'),
  }),
  z.strictObject({ type: z.literal('free_text'), ...base }),
  z.strictObject({
    type: z.literal('contact'),
    ...base,
    consentText: localized,
    accepts: z.array(z.enum(CONTACT_KINDS)).min(1, 'must accept phone, email or both'),
  }),
]);

const questionsSchema = z
  .array(questionSchema)
  .min(1, 'a pool needs at least one question')
  .max(200, 'a pool takes at most 200 questions');

/**
 * Checks the languages a pool declares (`locales`): one or more, each once, each one the
 * installation speaks; absent, the pool takes every language the installation speaks.
 */
export function parsePoolLocales(input: unknown, supported: readonly Locale[], field = 'locales'): Parsed<Locale[]> {
  if (input === undefined) return { ok: true, value: [...supported] };
  if (!Array.isArray(input) || input.length === 0) {
    return { ok: false, errors: [{ field, problems: [`must be a non-empty list of languages, each one of ${supported.join(', ')}`] }] };
  }
  const errors = input.flatMap((locale: unknown, i): FieldProblem[] => {
    if (!isLocale(locale)) return [{ field: `${field}[${i}]`, problems: [`must be one of ${supported.join(', ')}, got ${JSON.stringify(locale)}`] }];
    if (!supported.includes(locale)) return [{ field: `${field}[${i}]`, problems: [`${locale} is not spoken here (SUPPORTED_LOCALES is ${supported.join(',')})`] }];
    if (input.indexOf(locale) !== i) return [{ field: `${field}[${i}]`, problems: [`${locale} is named twice`] }];
    return [];
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: input as Locale[] };
}

/**
 * Checks a list of questions from outside (the API, a seed file): shape, unique codes, and
 * every text in each language the pool declares (texts in other languages are kept, not
 * required). Each problem names the question, and the language missing.
 */
export function parseQuestions(input: unknown, field = 'questions', locales: readonly Locale[] = LOCALES): Parsed<Question[]> {
  const parsed = questionsSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => ({ field: pathOf(field, issue.path), problems: [issue.message] })) };
  }
  const questions = parsed.data as Question[];
  const errors = [...duplicateCodes(questions, field), ...questions.flatMap((q, i) => missingTranslations(q, `${field}[${i}]`, locales))];
  return errors.length ? { ok: false, errors } : { ok: true, value: questions };
}

function duplicateCodes(questions: Question[], field: string): FieldProblem[] {
  const errors: FieldProblem[] = [];
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    if (seen.has(q.code)) errors.push({ field: `${field}[${i}].code`, problems: [`Question code "${q.code}" is used twice`] });
    seen.add(q.code);
    if (q.type !== 'single_choice') return;
    const options = new Set<string>();
    q.options.forEach((o, j) => {
      if (RESERVED_OPTION_CODES.includes(o.code)) {
        errors.push({ field: `${field}[${i}].options[${j}].code`, problems: [`"${o.code}" is the code of the dialogue's own buttons (${RESERVED_OPTION_CODES.join(', ')}); choose another`] });
      }
      if (options.has(o.code)) {
        errors.push({ field: `${field}[${i}].options[${j}].code`, problems: [`Question "${q.code}" has the option "${o.code}" twice`] });
      }
      options.add(o.code);
    });
  });
  return errors;
}

function missingTranslations(question: Question, at: string, locales: readonly Locale[]): FieldProblem[] {
  const texts: [string, string, Partial<Record<string, string>> | undefined][] = [[`${at}.text`, 'text', question.text]];
  if (question.type === 'nps' || question.type === 'ces' || question.type === 'csat') {
    texts.push([`${at}.lowLabel`, 'low label', question.lowLabel], [`${at}.highLabel`, 'high label', question.highLabel]);
  }
  if (question.type === 'contact') texts.push([`${at}.consentText`, 'consent text', question.consentText]);
  if (question.type === 'single_choice') {
    question.options.forEach((o, j) => texts.push([`${at}.options[${j}].label`, `option "${o.code}" label`, o.label]));
  }
  return texts.flatMap(([field, what, text]) => {
    if (!text) return [];
    const missing = locales.filter((locale) => !text[locale]?.trim());
    return missing.map((locale) => ({
      field: `${field}.${locale}`,
      problems: [`Question "${question.code}" has no ${what} in ${locale}`],
    }));
  });
}

function pathOf(field: string, path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`), field);
}
