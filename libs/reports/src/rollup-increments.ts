import { ROLLUP_NONE } from '@turbota/persistence';

/** The integral metrics whose score histograms are rolled up. */
export const ROLLED_UP_METRICS = ['nps', 'ces', 'csat'] as const;
export type RolledUpMetric = (typeof ROLLED_UP_METRICS)[number];

/** An answer as the rollup sees it: when, which metric and score, and the contact's attributes. */
export interface RollupAnswer {
  answeredAt: Date;
  /** The question type; answers of other types than nps, ces and csat are not rolled up. */
  metric: string;
  score: number | null;
  channel: string;
  locale: string;
  agent: string | null;
  serviceType: string | null;
  pointOfService: string | null;
}

/** One histogram cell to add to: its key and how many answers it gains. */
export interface RollupIncrement {
  day: string;
  metric: RolledUpMetric;
  channel: string;
  locale: string;
  agent: string;
  serviceType: string;
  pointOfService: string;
  score: number;
  count: number;
}

/** One cell of the coarse rollup (`answer_rollup_daily`): the fine key without agent, service type and point. */
export type CoarseRollupIncrement = Pick<RollupIncrement, 'day' | 'metric' | 'channel' | 'locale' | 'score' | 'count'>;

/** The UTC calendar day of a moment, as a rollup key (YYYY-MM-DD). */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function isRolledUpMetric(metric: string): metric is RolledUpMetric {
  return (ROLLED_UP_METRICS as readonly string[]).includes(metric);
}

/**
 * Folds answers into histogram increments, one per distinct key: one INSERT … ON CONFLICT
 * may not touch the same row twice, so duplicates within a batch must be summed first.
 * Sorted by key, so concurrent writers lock rollup rows in one order and never deadlock.
 */
export function rollupIncrements(answers: readonly RollupAnswer[]): RollupIncrement[] {
  const byKey = new Map<string, RollupIncrement>();
  for (const answer of answers) {
    if (answer.score === null || !isRolledUpMetric(answer.metric)) continue;
    const cell: RollupIncrement = {
      day: utcDay(answer.answeredAt),
      metric: answer.metric,
      channel: answer.channel,
      locale: answer.locale,
      agent: answer.agent ?? ROLLUP_NONE,
      serviceType: answer.serviceType ?? ROLLUP_NONE,
      pointOfService: answer.pointOfService ?? ROLLUP_NONE,
      score: answer.score,
      count: 0,
    };
    const key = JSON.stringify([cell.day, cell.metric, cell.channel, cell.locale, cell.agent, cell.serviceType, cell.pointOfService, cell.score]);
    const existing = byKey.get(key) ?? cell;
    existing.count += 1;
    byKey.set(key, existing);
  }
  return sortedByKey(byKey);
}

/** Sums fine increments into the coarse rollup's cells, one per distinct key, sorted by key like the fine ones. */
export function coarseRollupIncrements(increments: readonly RollupIncrement[]): CoarseRollupIncrement[] {
  const byKey = new Map<string, CoarseRollupIncrement>();
  for (const { day, metric, channel, locale, score, count } of increments) {
    const key = JSON.stringify([day, metric, channel, locale, score]);
    const existing = byKey.get(key);
    if (existing) existing.count += count;
    else byKey.set(key, { day, metric, channel, locale, score, count });
  }
  return sortedByKey(byKey);
}

function sortedByKey<T>(byKey: ReadonlyMap<string, T>): T[] {
  return [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}
