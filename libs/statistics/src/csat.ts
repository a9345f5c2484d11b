import { Estimate } from './intervals';
import { assertPartOf, assertScore, Scale } from './validation';
import { wilsonInterval } from './wilson';

/** CSAT aggregates: `satisfied` answers (4 or 5) out of `n` answers on the 1-5 scale. */
export interface CsatCounts {
  satisfied: number;
  n: number;
}

/** CSAT as a percentage (0-100) with its Wilson 95% interval in percent; null when n is 0. */
export type CsatResult = CsatCounts & Estimate;

const CSAT_SCALE: Scale = { name: 'CSAT', min: 1, max: 5 };

/** The lowest CSAT answer that counts as satisfied (top-2-box: 4 and 5 of 1-5). */
export const CSAT_SATISFIED_FROM = 4;

/** Counts the satisfied answers (4 and 5) among 1-5 answers. */
export function csatCounts(scores: readonly number[]): CsatCounts {
  let satisfied = 0;
  for (const score of scores) {
    assertScore(score, CSAT_SCALE);
    if (score >= CSAT_SATISFIED_FROM) satisfied += 1;
  }
  return { satisfied, n: scores.length };
}

/** CSAT = share of 4 and 5, in percent, with its 95% interval. */
export function csat(counts: CsatCounts): CsatResult {
  assertPartOf({ name: 'satisfied', value: counts.satisfied }, { name: 'n', value: counts.n });
  const interval = wilsonInterval(counts.satisfied, counts.n);
  if (interval === null) return { ...counts, value: null, ci95: null };
  return { ...counts, value: (100 * counts.satisfied) / counts.n, ci95: [100 * interval[0], 100 * interval[1]] };
}

/** CSAT straight from the 1-5 answers; a thin wrapper over `csat(csatCounts(scores))`. */
export function csatFromScores(scores: readonly number[]): CsatResult {
  return csat(csatCounts(scores));
}
