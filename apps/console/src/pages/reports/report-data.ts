import { api } from '../../api/client';
import { ok } from '../../api/errors';
import type { ReportFactors, ReportIncidents, ReportProblems, ReportScoreDistribution, ReportSummary, ReportTrend } from '../../api/types';
import { filtersOf, type ReportView } from './report-query';

/** The scores followed over time. */
export const METRICS = ['nps', 'csat', 'ces'] as const;
export type Metric = (typeof METRICS)[number];

/** The cuts whose choices come from the answers of the period (the languages are fixed). */
export const CUT_GROUPS = { channel: 'channel', agent: 'agent', serviceType: 'service_type', pointOfService: 'point_of_service' } as const;
export type OptionCut = keyof typeof CUT_GROUPS;

/** A response rate, overall (`key` null) or of one channel. */
export interface ChannelRate {
  key: string | null;
  rate: ReportSummary['responseRate'];
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

/** The response rate overall, then per channel of the period (unless the view is one channel already). */
async function ratesOf(view: ReportView, summary: ReportSummary, channels: string[]): Promise<ChannelRate[]> {
  const each = view.cuts.channel ? [] : channels.slice(0, MAX_CHANNEL_RATES);
  const perChannel = await Promise.all(
    each.map(async (channel) => {
      const one = await json<ReportSummary>(api.GET('/api/v1/reports/summary', { params: { query: { ...filtersOf(view), channel } } }));
      return { key: channel, rate: one.responseRate };
    }),
  );
  return [{ key: null, rate: summary.responseRate }, ...perChannel];
}

/** Reads every report of the view from the reports API. */
export async function loadReports(view: ReportView): Promise<ReportData> {
  const filters = filtersOf(view);
  const [options, summary, nps, csat, ces, distribution, factors, incidents, problems] = await Promise.all([
    optionsOf(view),
    json<ReportSummary>(api.GET('/api/v1/reports/summary', { params: { query: filters } })),
    trend(view, 'nps'),
    trend(view, 'csat'),
    trend(view, 'ces'),
    json<ReportScoreDistribution>(api.GET('/api/v1/reports/score-distribution', { params: { query: { ...filters, metric: 'nps' } } })),
    json<ReportFactors>(api.GET('/api/v1/reports/factors', { params: { query: { ...filters, metric: 'nps' } } })),
    json<ReportIncidents>(api.GET('/api/v1/reports/incidents', { params: { query: filters } })),
    json<ReportProblems>(api.GET('/api/v1/reports/problems', { params: { query: { from: view.from, to: view.to } } })),
  ]);
  const rates = await ratesOf(view, summary, options.channel);
  return { view, summary, trends: { nps, csat, ces }, distribution, factors, incidents, problems, rates, options };
}
