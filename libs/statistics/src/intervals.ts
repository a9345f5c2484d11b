/** A two-sided confidence interval `[low, high]` at full precision; callers round for display. */
export type Interval = readonly [low: number, high: number];

/** A sample estimate with its 95% interval; both are null when there is nothing to estimate from. */
export type Estimate = { value: number; ci95: Interval } | { value: null; ci95: null };

/** The normal quantile of a two-sided 95% interval, rounded as survey practice (and our hand-checked examples) use it. */
export const Z95 = 1.96;

/**
 * Whether two intervals share at least one point. If they do, neither score may be reported
 * as better than the other: the difference is within the sampling error.
 */
export function overlaps(a: Interval, b: Interval): boolean {
  // Touching ends count as overlapping: the cautious reading never declares a winner too early.
  return a[0] <= b[1] && b[0] <= a[1];
}

/** Narrows an interval to the range the metric can take (an NPS interval never leaves [-100, 100]). */
export function clampInterval([low, high]: Interval, min: number, max: number): Interval {
  return [Math.min(Math.max(low, min), max), Math.max(Math.min(high, max), min)];
}
