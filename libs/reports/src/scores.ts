import { ces, csat, CSAT_SATISFIED_FROM, MeanEstimate, nps, NpsResult, CsatResult, npsCategory } from '@turbota/statistics';
import type { RolledUpMetric } from './rollup-increments';

/** How many answers gave each score: a histogram, as the rollups hold it. */
export type ScoreHistogram = ReadonlyMap<number, number>;

/** One histogram cell read back from the rollups, under a group key (null when not grouped). */
export interface HistogramRow {
  key: string | null;
  metric: RolledUpMetric;
  score: number;
  count: number;
}

/** The three integral scores of one group, each with its n and 95% interval. */
export interface Scores {
  nps: NpsResult;
  csat: CsatResult;
  ces: MeanEstimate;
}

/** NPS from a 0-10 histogram: promoters, passives and detractors are exact counts. */
export function npsFromHistogram(histogram: ScoreHistogram): NpsResult {
  const counts = { promoters: 0, passives: 0, detractors: 0 };
  for (const [score, count] of histogram) {
    const category = npsCategory(score);
    if (category === 'promoter') counts.promoters += count;
    else if (category === 'passive') counts.passives += count;
    else counts.detractors += count;
  }
  return nps(counts);
}

/** CSAT (top-2-box) from a 1-5 histogram. */
export function csatFromHistogram(histogram: ScoreHistogram): CsatResult {
  let satisfied = 0;
  let n = 0;
  for (const [score, count] of histogram) {
    if (score < 1 || score > 5) throw new RangeError(`a CSAT score lies between 1 and 5, the histogram holds ${score}`);
    n += count;
    if (score >= CSAT_SATISFIED_FROM) satisfied += count;
  }
  return csat({ satisfied, n });
}

/** CES mean and t interval from a 1-7 histogram: n, Σx and Σx² are exact sums of it. */
export function cesFromHistogram(histogram: ScoreHistogram): MeanEstimate {
  let n = 0;
  let sum = 0;
  let sumOfSquares = 0;
  for (const [score, count] of histogram) {
    n += count;
    sum += score * count;
    sumOfSquares += score * score * count;
  }
  return ces({ n, sum, sumOfSquares });
}

/** The histograms of each metric, per group key, from rollup rows. */
export function histogramsByKey(rows: readonly HistogramRow[]): Map<string | null, Record<RolledUpMetric, Map<number, number>>> {
  const groups = new Map<string | null, Record<RolledUpMetric, Map<number, number>>>();
  for (const row of rows) {
    const group = groups.get(row.key) ?? { nps: new Map(), csat: new Map(), ces: new Map() };
    const histogram = group[row.metric];
    histogram.set(row.score, (histogram.get(row.score) ?? 0) + row.count);
    groups.set(row.key, group);
  }
  return groups;
}

/** All three scores from the histograms of one group. */
export function scoresOf(group: Record<RolledUpMetric, ScoreHistogram> | undefined): Scores {
  const empty = new Map<number, number>();
  return {
    nps: npsFromHistogram(group?.nps ?? empty),
    csat: csatFromHistogram(group?.csat ?? empty),
    ces: cesFromHistogram(group?.ces ?? empty),
  };
}
