import type { Locale } from '@turbota/common';

/** One point of the Likert scale: its score (1 = strongly disagree … 5 = strongly agree) and its label. */
export interface LikertPoint {
  score: 1 | 2 | 3 | 4 | 5;
  label: string;
}

const points = (labels: readonly [string, string, string, string, string]): readonly LikertPoint[] =>
  labels.map((label, i) => ({ score: (i + 1) as LikertPoint['score'], label }));

/**
 * The five Likert points, disagree first, as the NPS, CES and CSAT scales of the same survey
 * run from low to high. Labels say nothing of the respondent's gender (no "згоден"/"согласен").
 */
export const LIKERT_POINTS: Record<Locale, readonly LikertPoint[]> = {
  uk: points(['Зовсім не погоджуюся', 'Скоріше не погоджуюся', 'Важко сказати', 'Скоріше погоджуюся', 'Цілком погоджуюся']),
  ru: points(['Совсем не так', 'Скорее не так', 'Трудно сказать', 'Скорее так', 'Полностью так']),
  en: points(['Strongly disagree', 'Somewhat disagree', 'Hard to say', 'Somewhat agree', 'Strongly agree']),
};

/** What a Likert statement is asked with: a statement alone does not say what to do with it. */
export const LIKERT_INSTRUCTION: Record<Locale, string> = {
  uk: 'Наскільки ви погоджуєтеся з твердженням?',
  ru: 'Насколько это утверждение верно для вас?',
  en: 'How far do you agree with this statement?',
};

/**
 * Labels of earlier releases, best first: a button drawn before an upgrade may still send its
 * label back as text (channels with suggested actions), and it still means its score.
 */
const EARLIER_LABELS: Record<Locale, readonly string[]> = {
  uk: ['Повністю згоден', 'Скоріше згоден', 'Важко сказати', 'Скоріше не згоден', 'Зовсім не згоден'],
  ru: ['Полностью согласен', 'Скорее согласен', 'Трудно сказать', 'Скорее не согласен', 'Совсем не согласен'],
  en: ['Strongly agree', 'Rather agree', 'Hard to say', 'Rather disagree', 'Strongly disagree'],
};

/** The buttons of a Likert question, disagree first; each code is the point's score. */
export function likertOptions(locale: Locale): { code: string; label: string }[] {
  return LIKERT_POINTS[locale].map((p) => ({ code: String(p.score), label: p.label }));
}

/** The statement as asked: the instruction, then the statement. */
export function likertText(statement: string, locale: Locale): string {
  return `${LIKERT_INSTRUCTION[locale]}\n${statement}`;
}

/** The score a label sent back as text stands for (case and spaces aside), current or earlier wording. */
export function likertScoreOfLabel(text: string, locale: Locale): number | undefined {
  const said = text.trim().toLowerCase();
  const current = LIKERT_POINTS[locale].find((p) => p.label.toLowerCase() === said);
  if (current) return current.score;
  const earlier = EARLIER_LABELS[locale].findIndex((l) => l.toLowerCase() === said);
  return earlier >= 0 ? 5 - earlier : undefined;
}

/**
 * The current labels best first, as the dialogue engine read them before `likertOptions`
 * (a label's score is 5 minus its index).
 * @deprecated Use `likertOptions` and `likertScoreOfLabel`; kept until the engine reads them.
 */
export const LIKERT_LABELS: Record<Locale, readonly string[]> = {
  uk: LIKERT_POINTS.uk.map((p) => p.label).reverse(),
  ru: LIKERT_POINTS.ru.map((p) => p.label).reverse(),
  en: LIKERT_POINTS.en.map((p) => p.label).reverse(),
};
