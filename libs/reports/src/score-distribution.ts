import { SCALES } from '@turbota/surveys';
import type { RolledUpMetric } from './rollup-increments';
import type { HistogramRow } from './scores';

/** How many answers gave each score of one metric; every score of the scale is listed, zeros included. */
export interface ScoreDistribution {
  metric: RolledUpMetric;
  n: number;
  scores: { score: number; count: number }[];
}

/** The distribution of one metric's scores from its histogram rows (rows of other metrics are ignored). */
export function scoreDistribution(metric: RolledUpMetric, rows: readonly HistogramRow[]): ScoreDistribution {
  const counts = new Map<number, number>();
  for (const row of rows) if (row.metric === metric) counts.set(row.score, (counts.get(row.score) ?? 0) + row.count);
  const [min, max] = SCALES[metric];
  const scores = Array.from({ length: max - min + 1 }, (_, i) => ({ score: min + i, count: counts.get(min + i) ?? 0 }));
  return { metric, n: scores.reduce((sum, s) => sum + s.count, 0), scores };
}
