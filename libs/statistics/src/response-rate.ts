import { Estimate } from './intervals';
import { assertPartOf } from './validation';
import { wilsonInterval } from './wilson';

/** How many customers a survey invited and how many of them answered. */
export interface ResponseCounts {
  invited: number;
  answered: number;
}

/** Response rate in percent (0-100) with its Wilson 95% interval; null when nobody was invited. */
export type ResponseRateResult = ResponseCounts & { nonResponders: number } & Estimate;

/**
 * answered / invited, with the non-responders (invited − answered) beside it: a low rate
 * means the scores speak for a self-selected few, so the silent are always reported.
 */
export function responseRate(counts: ResponseCounts): ResponseRateResult {
  assertPartOf({ name: 'answered', value: counts.answered }, { name: 'invited', value: counts.invited });
  const nonResponders = counts.invited - counts.answered;
  const interval = wilsonInterval(counts.answered, counts.invited);
  if (interval === null) return { ...counts, nonResponders, value: null, ci95: null };
  const value = (100 * counts.answered) / counts.invited;
  return { ...counts, nonResponders, value, ci95: [100 * interval[0], 100 * interval[1]] };
}
