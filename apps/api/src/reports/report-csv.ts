import type { FactorsReport, IncidentFigures, IncidentsReport, InvitationsReport, ProblemsReport, ScoreDistribution, Scores, Summary, Trend } from '@turbota/reports';
import { CsvValue, toCsv } from '@turbota/reports';
import type { Estimate } from '@turbota/statistics';

// Every report flattens to one rectangular table, so a spreadsheet opens it without surprises.
const SCORE_HEADER = ['group_by', 'key', 'metric', 'n', 'value', 'ci95_low', 'ci95_high', 'promoters', 'passives', 'detractors', 'satisfied', 'sd'];

const bounds = (e: Estimate): CsvValue[] => [e.ci95?.[0], e.ci95?.[1]];

function scoreRows(groupBy: string, key: string | null, s: Scores): CsvValue[][] {
  return [
    [groupBy, key, 'nps', s.nps.n, s.nps.value, ...bounds(s.nps), s.nps.promoters, s.nps.passives, s.nps.detractors, null, null],
    [groupBy, key, 'csat', s.csat.n, s.csat.value, ...bounds(s.csat), null, null, null, s.csat.satisfied, null],
    [groupBy, key, 'ces', s.ces.n, s.ces.value, s.ces.ci95?.[0], s.ces.ci95?.[1], null, null, null, null, s.ces.sd],
  ];
}

export function summaryCsv(summary: Summary): string {
  const rate = summary.responseRate;
  const silent = summary.silentAdjustedNps;
  const rows: CsvValue[][] = [
    ...scoreRows('all', null, summary),
    ['all', null, 'response_rate', rate.invited, rate.value, ...bounds(rate), null, null, null, rate.answered, null],
    ['all', null, 'silent_adjusted_nps', silent.n, silent.value, ...bounds(silent), silent.promoters, silent.passives, silent.detractors, null, null],
    ...(summary.groups ?? []).flatMap((g) => scoreRows(summary.groupBy ?? '', g.key, g)),
  ];
  return toCsv(SCORE_HEADER, rows);
}

/** A channel's rows first, then a cascade step's, told apart by `step` (empty on a channel's row). */
export function invitationsCsv(report: InvitationsReport): string {
  return toCsv(
    ['channel', 'invited', 'answered', 'awaiting', 'response_rate', 'rr_ci95_low', 'rr_ci95_high', 'nps_n', 'nps', 'nps_ci95_low', 'nps_ci95_high', 'messages', 'segments', 'currency', 'price', 'cost', 'cost_per_answer', 'step'],
    [
      ...report.channels.map((c) => {
        const { responseRate: rate, nps } = c;
        return [c.channel, rate.invited, rate.answered, rate.awaiting, rate.value, ...bounds(rate), nps.n, nps.value, ...bounds(nps), c.messages, c.segments, report.currency, c.price, c.cost, c.costPerAnswer, null];
      }),
      ...report.steps.map((s) => {
        const { responseRate: rate, nps } = s;
        return [s.channel, rate.invited, rate.answered, rate.awaiting, rate.value, ...bounds(rate), nps.n, nps.value, ...bounds(nps), null, null, null, null, null, null, s.position];
      }),
    ],
  );
}

export function scoreDistributionCsv(distribution: ScoreDistribution): string {
  return toCsv(['metric', 'score', 'count'], distribution.scores.map((s) => [distribution.metric, s.score, s.count]));
}

export function trendCsv(trend: Trend): string {
  return toCsv(
    ['period', 'interval', 'metric', 'n', 'value', 'ci95_low', 'ci95_high'],
    trend.points.map((p) => [p.period, trend.interval, trend.metric, p.n, p.value, ...bounds(p)]),
  );
}

export function factorsCsv(report: FactorsReport): string {
  return toCsv(
    ['kind', 'code', 'factor', 'n', 'satisfaction', 'importance', 'priority', 'rank', 'share', 'ci95_low', 'ci95_high'],
    [
      ...report.factors.map((f) => ['factor', f.code, f.code, f.n, f.satisfaction, f.importance, f.priority, f.rank, null, null, null]),
      ...report.reasons.map((r) => ['reason', r.reason, r.factor, r.total, null, null, null, null, r.value, ...bounds(r)]),
    ],
  );
}

const STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'closed'];

function incidentRow(priority: string, f: IncidentFigures): CsvValue[] {
  const sla = f.slaCompliance;
  return [priority, f.total, ...STATUSES.map((s) => f.byStatus[s] ?? 0), sla.met, sla.breached, sla.value, ...bounds(sla), f.medianMinutesToAcknowledge, f.medianMinutesToResolve];
}

export function incidentsCsv(report: IncidentsReport): string {
  return toCsv(
    ['priority', 'total', ...STATUSES, 'sla_met', 'sla_breached', 'sla_compliance', 'ci95_low', 'ci95_high', 'median_minutes_to_acknowledge', 'median_minutes_to_resolve'],
    [incidentRow('all', report), ...report.byPriority.map((p) => incidentRow(p.priority, p))],
  );
}

export function problemsCsv(report: ProblemsReport): string {
  return toCsv(
    ['kind', 'key', 'problems', 'incidents'],
    [
      ['total', null, report.total, null],
      ...Object.entries(report.byStatus).map(([status, count]) => ['status', status, count, null]),
      ...Object.entries(report.byDimension).map(([dimension, count]) => ['dimension', dimension, count, null]),
      ...report.reasons.map((r) => ['reason', r.reasonCode, r.problems, r.incidents]),
      ['median_days_to_fix', null, report.medianDaysToFix, null],
    ],
  );
}
