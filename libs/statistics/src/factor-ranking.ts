import { assertFinite } from './validation';

/** Where a factor stands: its satisfaction index (0-100) and its importance (see `factorImportance`). */
export interface FactorStanding {
  code: string;
  satisfaction: number;
  /** Null when it could not be estimated (too few answers, no variation). */
  importance: number | null;
}

/** A factor with the priority it was ranked by; null priority when its importance is unknown. */
export type RankedFactor<T extends FactorStanding> = T & { priority: number | null };

/**
 * Orders factors by where to act first. The rule: priority = importance × (100 − satisfaction),
 * the room for improvement weighted by how strongly the factor moves the integral score; the
 * highest priority comes first. So an important, poorly rated factor leads, and a factor that
 * is either unimportant or already satisfying falls behind. Negative importance counts as 0
 * (improving it would not raise the integral score). Ties go to the more important factor,
 * then the less satisfying one, then by code; unknown importance ranks last.
 */
export function rankFactors<T extends FactorStanding>(factors: readonly T[]): RankedFactor<T>[] {
  for (const factor of factors) assertStanding(factor);
  return factors
    .map((factor) => ({ ...factor, priority: priorityOf(factor) }))
    .sort((a, b) => byPriority(a, b) || byImportance(a, b) || a.satisfaction - b.satisfaction || a.code.localeCompare(b.code));
}

function priorityOf({ importance, satisfaction }: FactorStanding): number | null {
  return importance === null ? null : Math.max(0, importance) * (100 - satisfaction);
}

/** Higher priority first, unknown last. */
function byPriority(a: { priority: number | null }, b: { priority: number | null }): number {
  return (b.priority ?? -Infinity) - (a.priority ?? -Infinity) || 0;
}

function byImportance(a: FactorStanding, b: FactorStanding): number {
  return (b.importance ?? -Infinity) - (a.importance ?? -Infinity) || 0;
}

function assertStanding({ code, satisfaction, importance }: FactorStanding): void {
  assertFinite(`factor ${code}`, importance === null ? [satisfaction] : [satisfaction, importance]);
  if (satisfaction < 0 || satisfaction > 100) {
    throw new RangeError(`factor ${code}: satisfaction is an index from 0 to 100, got ${satisfaction}`);
  }
}
