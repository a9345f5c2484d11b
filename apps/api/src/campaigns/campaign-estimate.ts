import { Inject, Injectable } from '@nestjs/common';
import { type Clock, CLOCK } from '@turbota/common';
import { ReportsService } from '@turbota/reports';
import { npsAnswersNeeded, npsMarginOf, type NpsShares, WORST_CASE_SHARES } from '@turbota/statistics';
import { CampaignService, RESPONSE_RATE_TARGET } from '@turbota/triggers';
import { type CampaignEstimate, type CampaignEstimateQuery, ESTIMATE_BASIS } from './campaign.schemas';

/**
 * What a representative campaign would reach before it is started: who is eligible now, and how
 * many invitations an NPS within the wanted margin takes, from the answers and response rate seen
 * on the channel lately (or safe guesses when there are too few). Stores nothing.
 */
@Injectable()
export class CampaignEstimator {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly reports: ReportsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async estimate(query: CampaignEstimateQuery): Promise<CampaignEstimate> {
    const { lookBackDays, minObserved } = ESTIMATE_BASIS;
    const from = new Date(this.clock.now().getTime() - lookBackDays * 86_400_000).toISOString().slice(0, 10);
    const [{ eligible, channels }, summary] = await Promise.all([this.campaigns.eligibleNow(query), this.reports.summary({ from, channel: query.channel })]);
    const { nps, responseRate } = summary;
    const observed = nps.n >= minObserved;
    const shares: NpsShares = observed ? { promoters: nps.promoters / nps.n, detractors: nps.detractors / nps.n } : WORST_CASE_SHARES;
    const rateObserved = responseRate.invited >= minObserved && responseRate.answered > 0;
    const rate = rateObserved ? responseRate.answered / responseRate.invited : RESPONSE_RATE_TARGET;
    const answersNeeded = npsAnswersNeeded(query.marginPoints, { shares, population: eligible });
    const invitationsNeeded = Math.ceil(answersNeeded / rate);
    return {
      eligible,
      channels,
      marginPoints: query.marginPoints,
      answersNeeded,
      invitationsNeeded: Math.min(invitationsNeeded, eligible),
      enough: eligible > 0 && invitationsNeeded <= eligible,
      marginIfAllInvited: npsMarginOf(Math.floor(eligible * rate), { shares, population: eligible }),
      basis: { shares: observed ? 'observed' : 'worst case', npsAnswers: nps.n, ...shares, responseRate: rate, responseRateObserved: rateObserved },
    };
  }
}
