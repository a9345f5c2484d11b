import type { Estimate } from '@turbota/statistics';
import type { TrendInterval } from './report-filters';
import type { RolledUpMetric } from './rollup-increments';
import { HistogramRow, histogramsByKey, scoresOf } from './scores';

/** One period of a trend: its first day, the score, its sample size and 95% interval. */
export type TrendPoint = { period: string; n: number } & Estimate;

/** One metric's trend, period by period (periods without answers are left out). */
export interface Trend {
  metric: RolledUpMetric;
  interval: TrendInterval;
  points: TrendPoint[];
}

/** The trend from histograms grouped by period start (YYYY-MM-DD), oldest first. */
export function buildTrend(metric: RolledUpMetric, interval: TrendInterval, rows: readonly HistogramRow[]): Trend {
  const points = [...histogramsByKey(rows.filter((row) => row.metric === metric))]
    .filter((entry): entry is [string, (typeof entry)[1]] => entry[0] !== null)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, histograms]) => {
      const { n, value, ci95 } = scoresOf(histograms)[metric];
      // A single CES answer has a mean but no interval: report it as not yet estimable.
      const estimate: Estimate = value === null || ci95 === null ? { value: null, ci95: null } : { value, ci95 };
      return { period, n, ...estimate };
    });
  return { metric, interval, points };
}
