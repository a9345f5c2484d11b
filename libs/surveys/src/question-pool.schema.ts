import { z } from 'zod';
import { isLocale, LOCALES, type Locale } from '@turbota/common';
import { localeField } from './input-fields';
import { CONTACT_KINDS, INTEGRAL_METRICS, type Question } from './question';
import { acceptingReadOnlyEcho } from './read-only-echo';

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
const code = z
  .string()
  .regex(CODE, 'must be 1-60 characters: lower-case letters, digits, "_", "-" or "."')
  .meta({ description: "A question's code, unique in the pool, or an option's, unique in its question; answers and policies refer to it", example: 'nps' });

/** The most questions a pool takes; the fewest is one. */
export const MAX_QUESTIONS = 200;

/**
 * Any text per language; completeness is checked afterwards, so the message names the question.
 * The cap is the longest message a messenger takes (Telegram's 4,096); whether a question with
 * its labels fits each enabled channel is the API's check, which names the channel.
 */
const localized = z.record(z.string(), z.string().max(4096)).meta({ description: 'A text per language: { "uk": "…", "ru": "…", "en": "…" }' });
const factor = z
  .string()
  .regex(CODE, 'must be a lower-case code such as "empathy"')
  .meta({ description: 'What the answer measures: a SERVQUAL dimension (tangibles, reliability, responsiveness, assurance, empathy) or a factor of your own', example: 'empathy' });

const base = { code, text: localized, factor: factor.optional() };
const scale = { ...base, lowLabel: localized.optional(), highLabel: localized.optional() };

// Typed as a checked pool holds it: whether every declared language has its text is checked
// with the pool's languages (questionProblems), not by the shape.
/** One question of a pool, as written and as the API answers it. */
export const questionSchema = z
  .discriminatedUnion('type', [
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
  ])
  .meta({
    id: 'Question',
    description:
      'A question: nps, ces or csat (optional lowLabel, highLabel), likert (factor), single_choice (options: [{ code, label, factor? }]), ' +
      'free_text, or contact (consentText, accepts: ["phone", "email"]); factor names what the answer measures',
  }) as unknown as z.ZodType<Question>;

const QUESTIONS_DOC =
  `The questions, 1 to ${MAX_QUESTIONS}, each code once. Every text in each language the pool declares in \`locales\`; ` +
  'texts in other languages are kept but not required.';

const LOCALES_DOC =
  'The languages the questions are given in, each one of SUPPORTED_LOCALES, each once; a customer whose language is not among them gets the first. ' +
  'Default on creation: every language the installation speaks (SUPPORTED_LOCALES); on a change, the pool keeps its own.';

const EXAMPLE: Question[] = [
  { code: 'nps', type: 'nps', text: { uk: 'Чи порадите нас?', ru: 'Порекомендуете нас?', en: 'Would you recommend us?' } },
  { code: 'empathy', type: 'likert', factor: 'empathy', text: { uk: 'Мене зрозуміли', ru: 'Меня поняли', en: 'I was understood' } },
];

/** A pool's fields as written; the API's answers carry the same ones. */
export const questionPoolFields = {
  name: z.string('name must be a string').trim().min(1, 'name must not be empty').max(100, 'name takes at most 100 characters').meta({ example: 'Branches' }),
  description: z.string('description must be a string').max(2000, 'description takes at most 2000 characters').meta({ example: 'Asked after a visit to a branch' }),
  // How many questions there are and whether a code repeats is the pool's own check (questionProblems), as for the seeds.
  questions: z.array(questionSchema).meta({ description: QUESTIONS_DOC, example: EXAMPLE }),
  locales: z.array(localeField).meta({ description: LOCALES_DOC, example: ['uk', 'ru', 'en'] }),
};

/** A new question pool. */
export const questionPoolInputSchema = z
  .strictObject({
    name: questionPoolFields.name,
    description: questionPoolFields.description.optional(),
    questions: questionPoolFields.questions,
    locales: questionPoolFields.locales.optional(),
  })
  .meta({ id: 'QuestionPoolInput' });

/** A change to a pool: the fields given, and what GET returned of it besides, unchanged. */
export const questionPoolChangeSchema = acceptingReadOnlyEcho({
  name: questionPoolFields.name.optional(),
  description: questionPoolFields.description.optional(),
  questions: questionPoolFields.questions.meta({ description: `${QUESTIONS_DOC} New questions become a new version; answers keep the version they answered.` }).optional(),
  locales: questionPoolFields.locales.optional(),
}).meta({ id: 'QuestionPoolChange' });

export type QuestionPoolInput = z.infer<typeof questionPoolInputSchema>;
export type QuestionPoolChange = z.infer<typeof questionPoolChangeSchema>;

/**
 * What is wrong with the languages a pool declares (`locales`): there must be one or more,
 * each once, each one the installation speaks (`supported`).
 */
export function poolLocaleProblems(locales: readonly unknown[], supported: readonly Locale[], field = 'locales'): FieldProblem[] {
  if (locales.length === 0) return [{ field, problems: [`must be a non-empty list of languages, each one of ${supported.join(', ')}`] }];
  return locales.flatMap((locale, i): FieldProblem[] => {
    const problem = localeProblem(locale, locales.indexOf(locale) !== i, supported);
    return problem ? [{ field: `${field}[${i}]`, problems: [problem] }] : [];
  });
}

function localeProblem(locale: unknown, twice: boolean, supported: readonly Locale[]): string | undefined {
  if (!isLocale(locale)) return `must be one of ${supported.join(', ')}, got ${JSON.stringify(locale)}`;
  if (!supported.includes(locale)) return `${locale} is not spoken here (SUPPORTED_LOCALES is ${supported.join(',')})`;
  return twice ? `${locale} is named twice` : undefined;
}

/** Checks the languages a pool declares from outside (a seed file); absent, the pool takes every language the installation speaks. */
export function parsePoolLocales(input: unknown, supported: readonly Locale[], field = 'locales'): Parsed<Locale[]> {
  if (input === undefined) return { ok: true, value: [...supported] };
  const errors = poolLocaleProblems(Array.isArray(input) ? input : [], supported, field);
  return errors.length ? { ok: false, errors } : { ok: true, value: input as Locale[] };
}

/**
 * What is wrong with a list of well-formed questions: how many there are, a code used twice,
 * and a text missing in a language the pool declares (texts in other languages are kept, not
 * required). Each problem names the question, and the language missing.
 */
export function questionProblems(questions: readonly Question[], locales: readonly Locale[], field = 'questions'): FieldProblem[] {
  if (questions.length === 0) return [{ field, problems: ['a pool needs at least one question'] }];
  if (questions.length > MAX_QUESTIONS) return [{ field, problems: [`a pool takes at most ${MAX_QUESTIONS} questions`] }];
  return [...duplicateCodes(questions, field), ...questions.flatMap((q, i) => missingTranslations(q, `${field}[${i}]`, locales))];
}

/** Checks a list of questions from outside (a seed file, a channel's check): their shape, then {@link questionProblems}. */
export function parseQuestions(input: unknown, field = 'questions', locales: readonly Locale[] = LOCALES): Parsed<Question[]> {
  const parsed = z.array(questionSchema).safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => ({ field: pathOf(field, issue.path), problems: [issue.message] })) };
  }
  const errors = questionProblems(parsed.data, locales, field);
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

function duplicateCodes(questions: readonly Question[], field: string): FieldProblem[] {
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
