import type { Locale } from '@turbota/common';

/** The five Likert points, best first; a point's score is 5 for the first, 1 for the last. */
export const LIKERT_LABELS: Record<Locale, readonly string[]> = {
  uk: ['Повністю згоден', 'Скоріше згоден', 'Важко сказати', 'Скоріше не згоден', 'Зовсім не згоден'],
  ru: ['Полностью согласен', 'Скорее согласен', 'Трудно сказать', 'Скорее не согласен', 'Совсем не согласен'],
  en: ['Strongly agree', 'Rather agree', 'Hard to say', 'Rather disagree', 'Strongly disagree'],
};
