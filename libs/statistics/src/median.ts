import { assertFinite } from './validation';

/**
 * The p-th percentile (p from 0 to 100) by linear interpolation between the closest ranks,
 * the same definition as PostgreSQL's percentile_cont and Excel's PERCENTILE.INC, so figures
 * computed here and in SQL agree. Null when there are no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`p must be between 0 and 100, got ${p}`);
  assertFinite('values', values);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
}

/**
 * The median, null when there are no values. Used for incident times, where a few cases
 * left open for weeks would drag a mean far from the typical case.
 */
export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}
