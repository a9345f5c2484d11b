import { Interval, Z95 } from './intervals';
import { assertPartOf } from './validation';

/**
 * Wilson score interval for a proportion, as fractions in [0, 1]; null when `n` is 0.
 * Chosen over the plain Wald interval because it stays inside [0, 1] and keeps a real width
 * at 0% and 100%, which small samples (one shift, one agent) hit often.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval | null {
  assertPartOf({ name: 'successes', value: successes }, { name: 'n', value: n });
  if (!(z > 0) || !Number.isFinite(z)) throw new RangeError(`z must be a positive number, got ${z}`);
  if (n === 0) return null;
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // At 0% and 100% one bound is exactly 0 or 1; the formula only gets there up to rounding.
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === n ? 1 : Math.min(1, centre + half);
  return [low, high];
}
