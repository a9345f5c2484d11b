import type { ApiPaths } from '../../../api/client';
import { LOCALES, type Locale } from '../../../i18n/i18n';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** A pool as the API answers it. */
export type QuestionPool = JsonOf<ApiPaths['/api/v1/question-pools/{id}']['get']['responses'][200]>;
/** One question of a pool, as the API takes and answers it. */
export type Question = QuestionPool['questions'][number];
/** The questions of a pool at one version. */
export type PoolVersion = JsonOf<ApiPaths['/api/v1/question-pools/{id}/versions/{version}']['get']['responses'][200]>;
/** A question as each channel sends it. */
export type QuestionPreview = JsonOf<ApiPaths['/api/v1/question-pools/preview']['post']['responses'][200]>;

/** The kinds of question a pool holds, in the order the editor offers them. */
export const QUESTION_TYPES = ['nps', 'ces', 'csat', 'likert', 'single_choice', 'free_text', 'contact'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A text in each language; an empty one is missing. */
export type Texts = Record<Locale, string>;

/** An option of a single-choice question as it is edited. */
export interface OptionDraft {
  /** Keeps the option's inputs while the list is reordered. */
  key: string;
  code: string;
  label: Texts;
  factor: string;
}

/** A question as it is edited: every field of every type, so a change of type keeps what was typed. */
export interface QuestionDraft {
  key: string;
  type: QuestionType;
  code: string;
  factor: string;
  text: Texts;
  lowLabel: Texts;
  highLabel: Texts;
  consentText: Texts;
  accepts: ('phone' | 'email')[];
  options: OptionDraft[];
}

let serial = 0;
const nextKey = () => `k${++serial}`;

export const emptyTexts = (): Texts => ({ uk: '', ru: '', en: '' });
const textsOf = (given: Record<string, string> | undefined): Texts => ({ ...emptyTexts(), ...given });

export const newOption = (code = ''): OptionDraft => ({ key: nextKey(), code, label: emptyTexts(), factor: '' });

/** A fresh question of a type; a choice starts with two options. */
export function newQuestion(type: QuestionType, code: string): QuestionDraft {
  return {
    key: nextKey(),
    type,
    code,
    factor: '',
    text: emptyTexts(),
    lowLabel: emptyTexts(),
    highLabel: emptyTexts(),
    consentText: emptyTexts(),
    accepts: ['phone'],
    options: type === 'single_choice' ? [newOption(), newOption()] : [],
  };
}

/** A pool's question, to edit. */
export function draftOf(question: Question): QuestionDraft {
  const q = question as Question & { lowLabel?: Record<string, string>; highLabel?: Record<string, string>; consentText?: Record<string, string>; accepts?: ('phone' | 'email')[] };
  return {
    ...newQuestion(q.type, q.code),
    factor: q.factor ?? '',
    text: textsOf(q.text),
    lowLabel: textsOf(q.lowLabel),
    highLabel: textsOf(q.highLabel),
    consentText: textsOf(q.consentText),
    accepts: q.accepts ?? ['phone'],
    options: q.type === 'single_choice' ? q.options.map((o) => ({ key: nextKey(), code: o.code, label: textsOf(o.label), factor: o.factor ?? '' })) : [],
  };
}

/**
 * The texts given: an empty one is left out, so the API names it as missing in its language.
 * One in a language the pool does not speak is kept (the API keeps it too), for the day it does.
 */
function given(texts: Texts): Record<string, string> {
  return Object.fromEntries(LOCALES.filter((locale) => texts[locale].trim() !== '').map((locale) => [locale, texts[locale]]));
}

const anyText = (texts: Texts, languages: readonly Locale[] = LOCALES) => languages.some((locale) => texts[locale].trim() !== '');
const factorOf = (factor: string) => (factor.trim() ? { factor: factor.trim() } : {});

/** The question as the API takes it: only the fields of its type. */
export function questionOf(draft: QuestionDraft): Question {
  const base = { code: draft.code.trim(), text: given(draft.text), ...factorOf(draft.factor) };
  switch (draft.type) {
    case 'nps':
    case 'ces':
    case 'csat':
      return {
        ...base,
        type: draft.type,
        ...(anyText(draft.lowLabel) ? { lowLabel: given(draft.lowLabel) } : {}),
        ...(anyText(draft.highLabel) ? { highLabel: given(draft.highLabel) } : {}),
      };
    case 'likert':
      return { ...base, type: 'likert', factor: draft.factor.trim() };
    case 'single_choice':
      return { ...base, type: 'single_choice', options: draft.options.map((o) => ({ code: o.code.trim(), label: given(o.label), ...factorOf(o.factor) })) };
    case 'free_text':
      return { ...base, type: 'free_text' };
    case 'contact':
      return { ...base, type: 'contact', consentText: given(draft.consentText), accepts: draft.accepts };
  }
}

/** A code not yet taken in the pool, for a new question of a type (`nps`, `nps_2`...). */
export function freeCode(type: QuestionType, taken: readonly string[]): string {
  if (!taken.includes(type)) return type;
  let n = 2;
  while (taken.includes(`${type}_${n}`)) n++;
  return `${type}_${n}`;
}

/** Whether a text is missing in a language while another of the pool's languages has it: a translation to add. */
export const missingTranslation = (texts: Texts, locale: Locale, languages: readonly Locale[]) => texts[locale].trim() === '' && anyText(texts, languages);
