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

type IncrementKey = Exclude<keyof RollupIncrement, 'count'>;

/** The key of the coarse rollup (`answer_rollup_daily`): the fine key without agent, service type and point. */
export const COARSE_KEY = ['day', 'metric', 'channel', 'locale', 'score'] as const satisfies readonly IncrementKey[];
/** The key of the agent rollup (`answer_rollup_agent`): day, metric, agent and score. */
export const AGENT_KEY = ['day', 'metric', 'agent', 'score'] as const satisfies readonly IncrementKey[];

/** One cell of a rollup keyed by some of the fine key's columns, and how many answers it gains. */
export type ProjectedIncrement<K extends IncrementKey> = Pick<RollupIncrement, K | 'count'>;

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

/**
 * Sums fine increments into the cells of a rollup keyed by some of their columns (`COARSE_KEY`,
 * `AGENT_KEY`), one per distinct key, sorted by key like the fine ones.
 */
export function projectIncrements<K extends IncrementKey>(increments: readonly ProjectedIncrement<K>[], key: readonly K[]): ProjectedIncrement<K>[] {
  const byKey = new Map<string, ProjectedIncrement<K>>();
  for (const increment of increments) {
    const values = key.map((column) => increment[column]);
    const id = JSON.stringify(values);
    const existing = byKey.get(id);
    if (existing) existing.count += increment.count;
    else byKey.set(id, Object.fromEntries([...key.map((column, i) => [column, values[i]]), ['count', increment.count]]) as ProjectedIncrement<K>);
  }
  return sortedByKey(byKey);
}

function sortedByKey<T>(byKey: ReadonlyMap<string, T>): T[] {
  return [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}
