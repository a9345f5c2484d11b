import { factorImportance, rankFactors, RankedFactor, FactorStanding, reasonSharesOfCounts, ReasonShare } from '@turbota/statistics';

/** How many respondents gave a factor a Likert score (1-5) beside an integral score (null if they gave none). */
export interface FactorCell {
  factor: string;
  score: number;
  integral: number | null;
  count: number;
}

/** How many respondents named each reason (tagged with its factor), out of all who named any. */
export interface ReasonCounts {
  total: number;
  reasons: { reason: string; factor: string | null; naming: number }[];
}

/** A factor's standing: satisfaction index (0-100), importance, answers behind them and its rank. */
export type FactorFigure = RankedFactor<FactorStanding & { n: number; pairs: number }> & { rank: number };

/** Factor scores and the reasons named, for one integral metric. */
export interface FactorsReport {
  factors: FactorFigure[];
  reasons: (ReasonShare & { factor: string | null })[];
}

const LIKERT_MIN = 1;
const LIKERT_MAX = 5;

/**
 * Per factor: the satisfaction index (the mean Likert answer mapped onto 0-100, so 1 is 0 and
 * 5 is 100), its importance (correlation with the integral score) and the ranking of where to act first.
 */
export function factorsReport(cells: readonly FactorCell[], reasons: ReasonCounts): FactorsReport {
  const byFactor = new Map<string, FactorCell[]>();
  for (const cell of cells) byFactor.set(cell.factor, [...(byFactor.get(cell.factor) ?? []), cell]);
  const standings = [...byFactor].map(([code, given]) => {
    const n = given.reduce((sum, c) => sum + c.count, 0);
    const mean = given.reduce((sum, c) => sum + c.score * c.count, 0) / n;
    const pairs = given.filter((c) => c.integral !== null).map((c) => ({ factor: c.score, integral: c.integral as number, count: c.count }));
    return {
      code,
      n,
      pairs: pairs.reduce((sum, p) => sum + p.count, 0),
      satisfaction: (100 * (mean - LIKERT_MIN)) / (LIKERT_MAX - LIKERT_MIN),
      importance: factorImportance(pairs),
    };
  });
  const factors = rankFactors(standings).map((factor, index) => ({ ...factor, rank: index + 1 }));
  const factorOf = new Map(reasons.reasons.map((r) => [r.reason, r.factor]));
  return {
    factors,
    reasons: reasonSharesOfCounts(reasons.reasons, reasons.total).map((share) => ({ ...share, factor: factorOf.get(share.reason) ?? null })),
  };
}
