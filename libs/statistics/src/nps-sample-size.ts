import { Z95 } from './intervals';

/** The shares of promoters and detractors (0-1) a planned survey expects. */
export interface NpsShares {
  promoters: number;
  detractors: number;
}

/** Half promoters, half detractors: the shares that need the most answers, the safe guess when nothing is known. */
export const WORST_CASE_SHARES: NpsShares = { promoters: 0.5, detractors: 0.5 };

/** What a sample is planned for: expected shares, and the customers it is drawn from (all, when left out). */
export interface NpsPlan {
  shares?: NpsShares;
  population?: number;
  z?: number;
}

/** The variance of one answer's part of the NPS (+1, 0 or -1): p + d - (p - d)². */
function answerVariance({ promoters, detractors }: NpsShares): number {
  if (!(promoters >= 0 && detractors >= 0 && promoters + detractors <= 1)) throw new RangeError(`shares must be between 0 and 1 and sum to at most 1, got ${promoters} and ${detractors}`);
  const mean = promoters - detractors;
  return promoters + detractors - mean * mean;
}

function assertPopulation(population: number | undefined): void {
  if (population !== undefined && !(Number.isInteger(population) && population >= 0)) throw new RangeError(`population must be a whole number of customers, got ${population}`);
}

/**
 * How many answers put an NPS within ±`marginPoints` at 95%: z²·V/E², with the finite
 * population correction n₀ / (1 + (n₀ - 1) / N) when the customers are few (asking all of them
 * leaves no sampling error). Never more than the population.
 */
export function npsAnswersNeeded(marginPoints: number, { shares = WORST_CASE_SHARES, population, z = Z95 }: NpsPlan = {}): number {
  if (!(marginPoints > 0 && marginPoints <= 200)) throw new RangeError(`marginPoints must be in (0, 200], got ${marginPoints}`);
  assertPopulation(population);
  const unlimited = (z * z * answerVariance(shares)) / (marginPoints / 100) ** 2;
  if (population === undefined) return Math.ceil(unlimited);
  return Math.min(population, Math.ceil(unlimited / (1 + (unlimited - 1) / population)));
}

/** The margin (±NPS points at 95%) that `answers` give, with the same correction; null with no answers. */
export function npsMarginOf(answers: number, { shares = WORST_CASE_SHARES, population, z = Z95 }: NpsPlan = {}): number | null {
  assertPopulation(population);
  if (!(Number.isInteger(answers) && answers >= 0)) throw new RangeError(`answers must be a whole number, got ${answers}`);
  if (answers === 0) return null;
  const correction = population === undefined || population <= 1 ? 1 : Math.max(0, (population - answers) / (population - 1));
  return 100 * z * Math.sqrt((answerVariance(shares) / answers) * correction);
}
