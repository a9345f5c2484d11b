import { responseRate, ResponseRateResult, silentAdjustedNps, SilentAdjustedNpsResult } from '@turbota/statistics';
import type { InvitationCounts } from './invitations.repository';
import type { GroupBy } from './report-filters';
import { HistogramRow, histogramsByKey, Scores, scoresOf } from './scores';

/** The report's headline: the three scores overall, the response rate and, when asked, the cuts. */
export interface Summary extends Scores {
  responseRate: ResponseRateResult & { awaiting: number };
  silentAdjustedNps: SilentAdjustedNpsResult;
  groupBy?: GroupBy;
  groups?: ({ key: string | null } & Scores)[];
}

/**
 * Builds the summary from the overall histograms, the per-group histograms and the invitations.
 * Silent-adjusted NPS: the invitees who answered the NPS question, plus everyone who has not
 * answered anything counted as a detractor (invitees who answered another integral metric
 * are left out, so they never count as silent).
 */
export function buildSummary(overall: readonly HistogramRow[], invitations: InvitationCounts, cut?: { groupBy: GroupBy; rows: readonly HistogramRow[] }): Summary {
  const scores = scoresOf(histogramsByKey(overall).get(null));
  const { invited, answered, awaiting, npsOfInvited } = invitations;
  const silent = invited - answered;
  const npsAnswered = npsOfInvited.promoters + npsOfInvited.passives + npsOfInvited.detractors;
  const summary: Summary = {
    ...scores,
    responseRate: { ...responseRate({ invited, answered }), awaiting },
    silentAdjustedNps: silentAdjustedNps(npsOfInvited, npsAnswered + silent),
  };
  if (!cut) return summary;
  const groups = [...histogramsByKey(cut.rows)].map(([key, histograms]) => ({ key, ...scoresOf(histograms) }));
  return { ...summary, groupBy: cut.groupBy, groups };
}
