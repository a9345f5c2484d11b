import { clampInterval, Estimate, Interval, Z95 } from './intervals';
import { assertCount, assertScore, Scale } from './validation';

/** How many respondents fell into each NPS category: the aggregate SQL can roll up. */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** An NPS (-100..100) with its adjusted-Wald 95% interval; value and ci95 are null when n is 0. */
export type NpsResult = NpsCounts & { n: number } & Estimate;

/** The category an NPS answer (0-10) falls into. */
export type NpsCategory = 'promoter' | 'passive' | 'detractor';

const NPS_SCALE: Scale = { name: 'NPS', min: 0, max: 10 };
const COUNT_OF: Record<NpsCategory, keyof NpsCounts> = { promoter: 'promoters', passive: 'passives', detractor: 'detractors' };

/** Promoters answer 9-10, passives 7-8, detractors 0-6. */
export function npsCategory(score: number): NpsCategory {
  assertScore(score, NPS_SCALE);
  if (score >= 9) return 'promoter';
  return score >= 7 ? 'passive' : 'detractor';
}

/** Counts the answers (0-10) by category. */
export function npsCounts(scores: readonly number[]): NpsCounts {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const score of scores) counts[COUNT_OF[npsCategory(score)]] += 1;
  return counts;
}

/** NPS = %promoters − %detractors, with its 95% interval. */
export function nps(counts: NpsCounts): NpsResult {
  const n = npsSampleSize(counts);
  if (n === 0) return { ...counts, n, value: null, ci95: null };
  return { ...counts, n, value: (100 * (counts.promoters - counts.detractors)) / n, ci95: adjustedWald(counts, n, Z95) };
}

/** NPS straight from the 0-10 answers; a thin wrapper over `nps(npsCounts(scores))`. */
export function npsFromScores(scores: readonly number[]): NpsResult {
  return nps(npsCounts(scores));
}

/**
 * The adjusted-Wald interval of an NPS, in NPS points; null when nobody answered.
 * Adding 3 pseudo-answers (0.75 promoter, 1.5 passive, 0.75 detractor) keeps the interval
 * honest for small samples and at ±100, where the plain Wald interval collapses to a point.
 * The price: a single answer's ±100 falls outside its own interval (one answer proves little).
 */
export function npsInterval(counts: NpsCounts, z = Z95): Interval | null {
  const n = npsSampleSize(counts);
  return n === 0 ? null : adjustedWald(counts, n, z);
}

function adjustedWald({ promoters, detractors }: NpsCounts, n: number, z: number): Interval {
  const adjustedN = n + 3;
  const promoterShare = (promoters + 0.75) / adjustedN;
  const detractorShare = (detractors + 0.75) / adjustedN;
  const centre = promoterShare - detractorShare;
  // Variance of a difference of two shares of one multinomial sample.
  const standardError = Math.sqrt((promoterShare + detractorShare - centre * centre) / adjustedN);
  return clampInterval([100 * (centre - z * standardError), 100 * (centre + z * standardError)], -100, 100);
}

/** The number of answers behind the counts; throws unless every count is a non-negative integer. */
export function npsSampleSize({ promoters, passives, detractors }: NpsCounts): number {
  assertCount('promoters', promoters);
  assertCount('passives', passives);
  assertCount('detractors', detractors);
  return promoters + passives + detractors;
}
