import { api } from '../../api/client';
import { ok } from '../../api/errors';
import type { ChannelReach, ReportFactors, ReportIncidents, ReportInvitations, ReportProblems, ReportScoreDistribution, ReportSummary, ReportTrend } from '../../api/types';
import { filtersOf, type ReportView } from './report-query';

/** The scores followed over time. */
export const METRICS = ['nps', 'csat', 'ces'] as const;
export type Metric = (typeof METRICS)[number];

/** The cuts whose choices come from the answers of the period (the languages are fixed). */
export const CUT_GROUPS = { channel: 'channel', agent: 'agent', serviceType: 'service_type', pointOfService: 'point_of_service' } as const;
export type OptionCut = keyof typeof CUT_GROUPS;

/** A response rate, overall (`key` null) or of the channel invitations went out on, with that channel's NPS and cost. */
export interface ChannelRate {
  key: string | null;
  rate: ReportSummary['responseRate'];
  reach?: ChannelReach;
}

/** Every figure the reports page draws, for one view. */
export interface ReportData {
  view: ReportView;
  summary: ReportSummary;
  trends: Record<Metric, ReportTrend>;
  distribution: ReportScoreDistribution;
  factors: ReportFactors;
  incidents: ReportIncidents;
  problems: ReportProblems;
  rates: ChannelRate[];
  /** The currency of the invitations' costs; null when no prices are configured. */
  currency: string | null;
  /** The values each cut takes in the period, for its drop-down. */
  options: Record<OptionCut, string[]>;
}

// Beyond a handful of channels the rate chart stops being readable; the CSV has them all.
const MAX_CHANNEL_RATES = 6;

// The reports API answers JSON unless asked for CSV; the client's types also allow the CSV text.
const json = <T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>) => ok(call) as Promise<T>;

async function optionsOf(view: ReportView): Promise<Record<OptionCut, string[]>> {
  const period = { from: view.from, to: view.to };
  const entries = await Promise.all(
    (Object.entries(CUT_GROUPS) as [OptionCut, (typeof CUT_GROUPS)[OptionCut]][]).map(async ([cut, groupBy]) => {
      const summary = await json<ReportSummary>(api.GET('/api/v1/reports/summary', { params: { query: { ...period, groupBy } } }));
      return [cut, (summary.groups ?? []).flatMap((group) => (group.key === null ? [] : [group.key]))] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<OptionCut, string[]>;
}

function trend(view: ReportView, metric: Metric): Promise<ReportTrend> {
  return json(api.GET('/api/v1/reports/trend', { params: { query: { ...filtersOf(view), metric, interval: view.interval } } }));
}

/**
 * The response rate overall, then per channel the invitations went out on, most invitations
 * first (SMS and e-mail links too, wherever they were answered), unless the view is one channel
 * already.
 */
function ratesOf(view: ReportView, summary: ReportSummary, reach: ReportInvitations): ChannelRate[] {
  const each = view.cuts.channel ? [] : reach.channels.slice(0, MAX_CHANNEL_RATES);
  return [{ key: null, rate: summary.responseRate }, ...each.map((channel) => ({ key: channel.channel, rate: channel.responseRate, reach: channel }))];
}

/** Reads every report of the view from the reports API. */
export async function loadReports(view: ReportView): Promise<ReportData> {
  const filters = filtersOf(view);
  const [options, summary, nps, csat, ces, distribution, factors, incidents, problems, reach] = await Promise.all([
    optionsOf(view),
    json<ReportSummary>(api.GET('/api/v1/reports/summary', { params: { query: filters } })),
    trend(view, 'nps'),
    trend(view, 'csat'),
    trend(view, 'ces'),
    json<ReportScoreDistribution>(api.GET('/api/v1/reports/score-distribution', { params: { query: { ...filters, metric: 'nps' } } })),
    json<ReportFactors>(api.GET('/api/v1/reports/factors', { params: { query: { ...filters, metric: 'nps' } } })),
    json<ReportIncidents>(api.GET('/api/v1/reports/incidents', { params: { query: filters } })),
    json<ReportProblems>(api.GET('/api/v1/reports/problems', { params: { query: { from: view.from, to: view.to } } })),
    json<ReportInvitations>(api.GET('/api/v1/reports/invitations', { params: { query: filters } })),
  ]);
  const rates = ratesOf(view, summary, reach);
  return { view, summary, trends: { nps, csat, ces }, distribution, factors, incidents, problems, rates, currency: reach.currency, options };
}
