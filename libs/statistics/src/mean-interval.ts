import { Interval } from './intervals';
import { studentTQuantile } from './student-t';
import { assertCount, assertFinite } from './validation';

/** The aggregates a mean and its interval need, as SQL rolls them up: count(*), sum(x), sum(x * x). */
export interface MomentSums {
  n: number;
  sum: number;
  sumOfSquares: number;
}

/**
 * A mean with its sample standard deviation and 95% t interval. With no values there is no
 * mean; with one there is a mean but no spread to estimate an interval from.
 */
export type MeanEstimate = { n: number } & (
  | { value: null; sd: null; ci95: null }
  | { value: number; sd: null; ci95: null }
  | { value: number; sd: number; ci95: Interval }
);

// A difference of two large sums cannot resolve a spread smaller than this share of them.
const CANCELLATION_TOLERANCE = 1e-12;

/** Rolls raw values up into the sums `meanEstimate` takes. */
export function momentSums(values: readonly number[]): MomentSums {
  assertFinite('values', values);
  let sum = 0;
  let sumOfSquares = 0;
  for (const value of values) {
    sum += value;
    sumOfSquares += value * value;
  }
  return { n: values.length, sum, sumOfSquares };
}

/** The mean ± t(0.975, n − 1) · s / √n, from aggregates. */
export function meanEstimate(sums: MomentSums): MeanEstimate {
  const { n, sum } = sums;
  const squaredDeviations = sumOfSquaredDeviations(sums);
  if (n === 0) return { n, value: null, sd: null, ci95: null };
  const mean = sum / n;
  if (n === 1) return { n, value: mean, sd: null, ci95: null };
  const sd = Math.sqrt(squaredDeviations / (n - 1));
  const half = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { n, value: mean, sd, ci95: [mean - half, mean + half] };
}

/** Σ(x − mean)², checked for consistency: sums that no real data could produce throw. */
function sumOfSquaredDeviations({ n, sum, sumOfSquares }: MomentSums): number {
  assertCount('n', n);
  assertFinite('sums', [sum, sumOfSquares]);
  if (n === 0) {
    if (sum !== 0 || sumOfSquares !== 0) throw new RangeError('sums of no values must be 0');
    return 0;
  }
  const deviations = sumOfSquares - (sum * sum) / n;
  const tolerance = CANCELLATION_TOLERANCE * sumOfSquares;
  if (deviations < -tolerance) {
    throw new RangeError(`sumOfSquares (${sumOfSquares}) is below sum²/n (${(sum * sum) / n}): not sums of real values`);
  }
  // Equal values must give exactly zero width, not rounding noise.
  return deviations <= tolerance ? 0 : deviations;
}
