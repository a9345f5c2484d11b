import { assertFinite } from './validation';

/**
 * One respondent's answers: a factor score and the integral score (NPS, CES or CSAT) beside
 * it; `count` respondents gave this same pair (1 when absent), so counts aggregated by the
 * database weigh in without being spread into one pair per respondent.
 */
export interface ScorePair {
  factor: number;
  integral: number;
  count?: number;
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
  const ws = pairs.map((pair) => pair.count ?? 1);
  assertFinite('factor scores', xs);
  assertFinite('integral scores', ys);
  if (ws.some((w) => !Number.isInteger(w) || w < 0)) throw new RangeError('pair counts must be whole numbers, 0 or more');
  const present = (_: number, i: number) => ws[i] > 0;
  const weight = sum(ws);
  if (weight < MIN_PAIRS || isConstant(xs.filter(present)) || isConstant(ys.filter(present))) return null;
  // Two passes (means first) rather than raw sums: no cancellation between large sums.
  const meanX = sum(xs.map((x, i) => x * ws[i])) / weight;
  const meanY = sum(ys.map((y, i) => y * ws[i])) / weight;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i] - meanX;
    const dy = ys[i] - meanY;
    sxy += ws[i] * dx * dy;
    sxx += ws[i] * dx * dx;
    syy += ws[i] * dy * dy;
  }
  // Rounding can push a perfect correlation a hair past ±1.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function isConstant(values: readonly number[]): boolean {
  return values.every((value) => value === values[0]);
}
