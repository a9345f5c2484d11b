import type { LocalizedText } from '@turbota/common';

/** The integral metrics: one of them opens every survey. */
export const INTEGRAL_METRICS = ['nps', 'ces', 'csat'] as const;
export type IntegralMetric = (typeof INTEGRAL_METRICS)[number];

export const QUESTION_TYPES = [...INTEGRAL_METRICS, 'likert', 'single_choice', 'free_text', 'contact'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** The five SERVQUAL dimensions, the classic factor model of service quality. */
export const SERVQUAL_FACTORS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;

export const CONTACT_KINDS = ['phone', 'email'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

interface QuestionBase {
  /** Stable within a pool; answers refer to it together with the pool version. */
  code: string;
  text: LocalizedText;
  /** What the answer measures (a SERVQUAL dimension or any factor the company tracks). */
  factor?: string;
}

/** A score question: NPS 0-10, CES 1-7 or CSAT 1-5. */
export interface ScaleQuestion extends QuestionBase {
  type: IntegralMetric;
  lowLabel?: LocalizedText;
  highLabel?: LocalizedText;
}

/** A positive statement answered on five points, from "strongly agree" to "strongly disagree". */
export interface LikertQuestion extends QuestionBase {
  type: 'likert';
  factor: string;
}

/** One option of a single-choice question, e.g. a reason with the factor it points at. */
export interface ChoiceOption {
  code: string;
  label: LocalizedText;
  factor?: string;
}

export interface SingleChoiceQuestion extends QuestionBase {
  type: 'single_choice';
  options: ChoiceOption[];
}

export interface FreeTextQuestion extends QuestionBase {
  type: 'free_text';
}

/** Asks for a phone number or an e-mail, with the consent text the customer agrees to. */
export interface ContactQuestion extends QuestionBase {
  type: 'contact';
  consentText: LocalizedText;
  accepts: ContactKind[];
}

/** A question of a pool, in every language. */
export type Question = ScaleQuestion | LikertQuestion | SingleChoiceQuestion | FreeTextQuestion | ContactQuestion;

/** Score bounds of the scale questions. */
export const SCALES: Record<IntegralMetric, readonly [min: number, max: number]> = {
  nps: [0, 10],
  ces: [1, 7],
  csat: [1, 5],
};

export function isScaleQuestion(question: Question): question is ScaleQuestion {
  return (INTEGRAL_METRICS as readonly string[]).includes(question.type);
}
