import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { FactorAnswersRepository } from './factor-answers.repository';
import { factorsReport, FactorsReport } from './factors';
import { IncidentFactsRepository } from './incident-facts.repository';
import { incidentsReport, IncidentsReport } from './incident-figures';
import { invitationsReport, type InvitationsReport } from './invitation-report';
import { InvitationsRepository } from './invitations.repository';
import { problemsReport, ProblemsReport } from './problem-figures';
import type { GroupBy, ReportFilters, TrendInterval } from './report-filters';
import type { RolledUpMetric } from './rollup-increments';
import { RollupRepository } from './rollup.repository';
import { scoreDistribution, ScoreDistribution } from './score-distribution';
import { buildSummary, Summary } from './summary';
import { buildTrend, Trend } from './trend';

/** The reports: scores from the rollups, response rate from the invitations, factors, incidents and problems. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly rollups: RollupRepository,
    private readonly invited: InvitationsRepository,
    private readonly factorAnswers: FactorAnswersRepository,
    private readonly incidentFacts: IncidentFactsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async summary(filters: ReportFilters, groupBy?: GroupBy): Promise<Summary> {
    const [overall, invitations, grouped] = await Promise.all([
      this.rollups.histograms(filters),
      this.invited.counts(filters),
      groupBy ? this.rollups.histograms(filters, groupBy) : undefined,
    ]);
    return buildSummary(overall, invitations, groupBy && grouped ? { groupBy, rows: grouped } : undefined);
  }

  /** Each invitation channel's response rate, NPS and cost per answer, and each cascade step's response rate and NPS. */
  async invitations(filters: ReportFilters): Promise<InvitationsReport> {
    const [channels, steps] = await Promise.all([this.invited.byChannel(filters), this.invited.byStep(filters)]);
    return invitationsReport(channels, this.config.invitationPrices, steps);
  }

  async trend(filters: ReportFilters, metric: RolledUpMetric, interval: TrendInterval): Promise<Trend> {
    return buildTrend(metric, interval, await this.rollups.histograms(filters, interval, metric));
  }

  async scoreDistribution(filters: ReportFilters, metric: RolledUpMetric): Promise<ScoreDistribution> {
    return scoreDistribution(metric, await this.rollups.histograms(filters, undefined, metric));
  }

  async factors(filters: ReportFilters, metric: RolledUpMetric): Promise<FactorsReport & { metric: RolledUpMetric }> {
    const [cells, reasons] = await Promise.all([this.factorAnswers.factorCells(filters, metric), this.factorAnswers.reasonCounts(filters)]);
    return { metric, ...factorsReport(cells, reasons) };
  }

  async incidents(filters: ReportFilters): Promise<IncidentsReport> {
    return incidentsReport(await this.incidentFacts.incidents(filters));
  }

  async problems(filters: Pick<ReportFilters, 'from' | 'to'>): Promise<ProblemsReport> {
    return problemsReport(await this.incidentFacts.problems(filters));
  }
}
