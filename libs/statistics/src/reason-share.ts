import { Estimate } from './intervals';
import { assertPartOf } from './validation';
import { wilsonInterval } from './wilson';

/** How many respondents of a group (say, the detractors) named a reason, out of the group. */
export interface ReasonCount {
  naming: number;
  total: number;
}

/** One reason's share of a group in percent, with its Wilson 95% interval in percent. */
export type ReasonShare = { reason: string } & ReasonCount & Estimate;

/** The share (percent) of a group naming one reason, e.g. of detractors naming "waiting time". */
export function reasonShare(count: ReasonCount): Estimate {
  assertPartOf({ name: 'naming', value: count.naming }, { name: 'total', value: count.total });
  const interval = wilsonInterval(count.naming, count.total);
  if (interval === null) return { value: null, ci95: null };
  return { value: (100 * count.naming) / count.total, ci95: [100 * interval[0], 100 * interval[1]] };
}

/**
 * For every reason named, the share of respondents who named it, most named first.
 * `reasonsPerRespondent` holds one entry per respondent of the group (an empty list for one
 * who gave no reason); a reason repeated by one respondent counts once. Shares can add up
 * past 100% because one respondent may name several reasons.
 */
export function reasonShares(reasonsPerRespondent: readonly (readonly string[])[]): ReasonShare[] {
  const naming = new Map<string, number>();
  for (const reasons of reasonsPerRespondent) {
    for (const reason of new Set(reasons)) naming.set(reason, (naming.get(reason) ?? 0) + 1);
  }
  return reasonSharesOfCounts([...naming].map(([reason, count]) => ({ reason, naming: count })), reasonsPerRespondent.length);
}

/**
 * The same from counts already made (say, by the database): how many of `total` respondents
 * named each reason, most named first.
 */
export function reasonSharesOfCounts(counts: readonly { reason: string; naming: number }[], total: number): ReasonShare[] {
  return [...counts]
    .sort((a, b) => b.naming - a.naming || a.reason.localeCompare(b.reason))
    .map(({ reason, naming }) => ({ reason, naming, total, ...reasonShare({ naming, total }) }));
}
