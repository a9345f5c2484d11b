import { assertFinite } from './validation';

/** One respondent's answers: a factor score and the integral score (NPS, CES or CSAT) beside it. */
export interface ScorePair {
  factor: number;
  integral: number;
}

// Below three pairs any two points lie on a line: r would be ±1 and mean nothing.
const MIN_PAIRS = 3;

/**
 * A factor's importance: the Pearson correlation (-1..1) between its scores and the integral
 * score, i.e. how strongly the factor moves the integral score. Null with fewer than three
 * pairs or when either score does not vary (the correlation is undefined).
 */
export function factorImportance(pairs: readonly ScorePair[]): number | null {
  const xs = pairs.map((pair) => pair.factor);
  const ys = pairs.map((pair) => pair.integral);
  assertFinite('factor scores', xs);
  assertFinite('integral scores', ys);
  if (pairs.length < MIN_PAIRS || isConstant(xs) || isConstant(ys)) return null;
  // Two passes (means first) rather than raw sums: no cancellation between large sums.
  const meanX = mean(xs);
  const meanY = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i] - meanX;
    const dy = ys[i] - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Rounding can push a perfect correlation a hair past ±1.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function isConstant(values: readonly number[]): boolean {
  return values.every((value) => value === values[0]);
}
