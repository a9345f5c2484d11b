import { useCallback } from 'react';
import type { ReportFactors, ReportScoreDistribution, ReportSummary, ReportTrend } from '../../api/types';
import { en, type MessageKey } from '../../i18n/en';
import { type Translate, useI18n } from '../../i18n/i18n';
import { ChartCard } from './chart-card';
import { COLOURS, countColumns, horizontalBars, percentColumns, trendChart, type TrendPoint } from './charts';
import { type Figures, figuresOf } from './figures';
import type { ChannelRate, Metric } from './report-data';

// Each scale's limits and a round step for its axis: a band never reaches past what the scale allows.
const SCALE: Record<Metric, { floor: number; ceiling: number; step: number }> = {
  nps: { floor: -100, ceiling: 100, step: 20 },
  csat: { floor: 0, ceiling: 100, step: 20 },
  ces: { floor: 1, ceiling: 7, step: 1 },
};
const RATE_TARGET = 70;

/** The value axis: just around the intervals drawn, on round steps, within the scale. */
function axisBounds(metric: Metric, points: TrendPoint[]): { min: number; max: number } {
  const { floor, ceiling, step } = SCALE[metric];
  const lows = points.flatMap((p) => (p.ci95 ? [p.ci95[0]] : p.value === null ? [] : [p.value]));
  const highs = points.flatMap((p) => (p.ci95 ? [p.ci95[1]] : p.value === null ? [] : [p.value]));
  if (lows.length === 0) return { min: floor, max: ceiling };
  return {
    min: Math.max(floor, Math.floor(Math.min(...lows) / step) * step - step),
    max: Math.min(ceiling, Math.ceil(Math.max(...highs) / step) * step + step),
  };
}

const percentOf = (f: Figures, count: number, n: number) => (n ? `${f.number((100 * count) / n, 1)}%` : '—');

/** A score over the periods of the view, with its 95% band. */
export function TrendPanel({ metric, trend, csv }: { metric: Metric; trend: ReportTrend; csv: string }) {
  const { t, locale } = useI18n();
  const f = figuresOf(t, locale);
  const { points, interval } = trend;
  const labels = points.map((p) => f.period(p.period, interval));
  const last = points.at(-1);
  const estimable = points.filter((p) => p.value !== null);
  const first = estimable[0]?.value;
  const latest = estimable.at(-1)?.value;
  const change = estimable.length > 1 && first != null && latest != null ? ` ${t('reports.change', { delta: f.value(metric, latest - first) })}` : '';
  const summary = last
    ? t('reports.summaryTrend', { metric: t(`reports.${metric}`), interval: t(`reports.${interval}`).toLowerCase(), count: points.length, period: labels.at(-1)!, value: f.value(metric, last.value), ci: f.ci(metric, last.ci95), n: f.n(last.n) }) + change
    : t('reports.noData');
  const draw = useCallback(
    (canvas: HTMLCanvasElement) => trendChart(canvas, { labels, points, ...axisBounds(metric, points), describe: (i) => f.estimate(metric, points[i], points[i].n) }),
    // Redrawn for new figures or another language; the labels and formatters follow from those.
    [trend, locale],
  );
  return (
    <ChartCard
      name={`${metric}Trend`}
      title={t(`reports.${metric}Trend`)}
      note={t(`reports.${metric}TrendNote`)}
      wide={metric === 'nps'}
      draw={draw}
      summary={summary}
      empty={points.length ? null : t('reports.noData')}
      csv={csv}
      tables={[
        {
          caption: t(`reports.${metric}Trend`),
          headers: [t('reports.periodColumn'), t('reports.value'), t('reports.low'), t('reports.high'), t('reports.count')],
          rows: points.map((p, i) => [labels[i], f.value(metric, p.value), p.ci95 ? f.value(metric, p.ci95[0]) : '—', p.ci95 ? f.value(metric, p.ci95[1]) : '—', f.number(p.n)]),
        },
      ]}
    />
  );
}

const category = (score: number) => (score >= 9 ? COLOURS.promoter : score >= 7 ? COLOURS.passive : COLOURS.detractor);

/** How many answers gave each NPS score, coloured by category. */
export function DistributionPanel({ distribution, nps, csv }: { distribution: ReportScoreDistribution; nps: ReportSummary['nps']; csv: string }) {
  const { t, locale } = useI18n();
  const f = figuresOf(t, locale);
  const { scores, n } = distribution;
  const draw = useCallback(
    (canvas: HTMLCanvasElement) =>
      countColumns(canvas, { labels: scores.map((s) => String(s.score)), counts: scores.map((s) => s.count), colours: scores.map((s) => category(s.score)), describe: (i) => `${f.number(scores[i].count)} (${percentOf(f, scores[i].count, n)})` }),
    [distribution, locale],
  );
  return (
    <ChartCard
      name="distribution"
      title={t('reports.distribution')}
      note={t('reports.distributionNote')}
      draw={draw}
      summary={t('reports.summaryDistribution', { n: f.number(n), promoters: f.number(nps.promoters), passives: f.number(nps.passives), detractors: f.number(nps.detractors) })}
      empty={n ? null : t('reports.noData')}
      csv={csv}
      tables={[{ caption: t('reports.distribution'), headers: [t('reports.score'), t('reports.count'), t('reports.share')], rows: scores.map((s) => [String(s.score), f.number(s.count), percentOf(f, s.count, n)]) }]}
    />
  );
}

/** The response rate overall and per channel, each with its interval, against the 70% target. */
export function RatePanel({ rates, channel, currency, csv }: { rates: ChannelRate[]; channel: string | undefined; currency: string | null; csv: string }) {
  const { t, locale } = useI18n();
  const f = figuresOf(t, locale);
  const labels = rates.map((r) => r.key ?? channel ?? t('reports.overall'));
  const overall = rates[0].rate;
  const draw = useCallback(
    (canvas: HTMLCanvasElement) =>
      percentColumns(canvas, {
        labels,
        values: rates.map((r) => r.rate.value),
        intervals: rates.map((r) => r.rate.ci95),
        target: RATE_TARGET,
        targetLabel: t('reports.target', { value: RATE_TARGET }),
        describe: (i) => f.estimate('rate', rates[i].rate, rates[i].rate.invited),
      }),
    [rates, locale],
  );
  return (
    <ChartCard
      name="responseRate"
      title={t('reports.responseRate')}
      note={t('reports.responseRateNote')}
      draw={draw}
      summary={t('reports.summaryRate', { value: f.value('rate', overall.value), ci: f.ci('rate', overall.ci95), n: f.number(overall.invited) })}
      empty={overall.invited ? null : t('reports.noInvitations')}
      csv={csv}
      tables={[
        {
          caption: t('reports.responseRate'),
          headers: [
            t('reports.channel'),
            t('reports.value'),
            t('reports.low'),
            t('reports.high'),
            t('reports.invited'),
            t('reports.answered'),
            t('reports.npsOfInvited'),
            ...(currency ? [t('reports.costPerAnswer', { currency })] : []),
          ],
          rows: rates.map(({ rate, reach }, i) => [
            labels[i],
            f.value('rate', rate.value),
            rate.ci95 ? f.value('rate', rate.ci95[0]) : '—',
            rate.ci95 ? f.value('rate', rate.ci95[1]) : '—',
            f.number(rate.invited),
            f.number(rate.answered),
            reach ? f.value('nps', reach.nps.value) : '—',
            ...(currency ? [reach?.costPerAnswer == null ? '—' : f.number(reach.costPerAnswer, 2)] : []),
          ]),
        },
      ]}
    />
  );
}

/** A factor's name in the reader's language, or its code when the console does not know it. */
export function factorName(t: Translate, code: string): string {
  const key = `reports.factor.${code}`;
  return key in en ? t(key as MessageKey) : code;
}

/** How strongly each factor moves NPS, the most urgent first (the API ranks them). */
export function FactorsPanel({ report, csv }: { report: ReportFactors; csv: string }) {
  const { t, locale } = useI18n();
  const f = figuresOf(t, locale);
  const { factors } = report;
  const importance = (v: number | null) => (v === null ? t('reports.notEstimable') : f.number(v, 2));
  const draw = useCallback(
    (canvas: HTMLCanvasElement) =>
      horizontalBars(canvas, {
        labels: factors.map((x) => factorName(t, x.code)),
        values: factors.map((x) => x.importance),
        min: 0,
        max: 1,
        describe: (i) => `${t('reports.importance')} ${importance(factors[i].importance)}; ${t('reports.satisfaction')} ${f.number(factors[i].satisfaction)}; ${f.n(factors[i].n)}`,
      }),
    [report, locale],
  );
  return (
    <ChartCard
      name="factors"
      title={t('reports.factors')}
      note={t('reports.factorsNote')}
      draw={draw}
      summary={factors.length ? t('reports.summaryFactors', { count: factors.length, first: factorName(t, factors[0].code) }) : t('reports.noFactors')}
      empty={factors.length ? null : t('reports.noFactors')}
      csv={csv}
      tables={[
        {
          caption: t('reports.factors'),
          headers: [t('reports.factor'), t('reports.rank'), t('reports.importance'), t('reports.satisfaction'), t('reports.count')],
          rows: factors.map((x) => [factorName(t, x.code), String(x.rank), importance(x.importance), f.number(x.satisfaction), f.number(x.n)]),
        },
      ]}
    />
  );
}
