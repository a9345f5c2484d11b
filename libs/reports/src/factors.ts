import { factorImportance, rankFactors, RankedFactor, FactorStanding, reasonShares, ReasonShare } from '@turbota/statistics';

/** A Likert factor answer (1-5) beside the integral score its respondent gave (null if none). */
export interface FactorAnswer {
  factor: string;
  score: number;
  integral: number | null;
}

/** A reason the respondent picked, the factor it is tagged with, and who picked it. */
export interface ReasonAnswer {
  respondent: string;
  reason: string;
  factor: string | null;
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
export function factorsReport(answers: readonly FactorAnswer[], reasons: readonly ReasonAnswer[]): FactorsReport {
  const byFactor = new Map<string, FactorAnswer[]>();
  for (const answer of answers) byFactor.set(answer.factor, [...(byFactor.get(answer.factor) ?? []), answer]);
  const standings = [...byFactor].map(([code, given]) => {
    const mean = given.reduce((sum, a) => sum + a.score, 0) / given.length;
    const pairs = given.filter((a) => a.integral !== null).map((a) => ({ factor: a.score, integral: a.integral as number }));
    return {
      code,
      n: given.length,
      pairs: pairs.length,
      satisfaction: (100 * (mean - LIKERT_MIN)) / (LIKERT_MAX - LIKERT_MIN),
      importance: factorImportance(pairs),
    };
  });
  const factors = rankFactors(standings).map((factor, index) => ({ ...factor, rank: index + 1 }));
  return { factors, reasons: reasonFigures(reasons) };
}

/** The share of respondents who named each reason, among those who named any. */
function reasonFigures(reasons: readonly ReasonAnswer[]): FactorsReport['reasons'] {
  const perRespondent = new Map<string, string[]>();
  const factorOf = new Map<string, string | null>();
  for (const { respondent, reason, factor } of reasons) {
    perRespondent.set(respondent, [...(perRespondent.get(respondent) ?? []), reason]);
    factorOf.set(reason, factor);
  }
  return reasonShares([...perRespondent.values()]).map((share) => ({ ...share, factor: factorOf.get(share.reason) ?? null }));
}
