import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/errors';
import { ApiErrorMessage } from '../../components/api-error';
import { useI18n, useTitle } from '../../i18n/i18n';
import { useLocation } from '../../router';
import { Headline } from './headline';
import { loadReports, METRICS, type ReportData } from './report-data';
import { ReportFiltersForm } from './report-filters';
import { csvHref, filtersOf, viewOf } from './report-query';
import { DistributionPanel, FactorsPanel, RatePanel, TrendPanel } from './score-panels';
import { IncidentsPanel, ProblemsPanel } from './work-panels';
import './reports.css';

type State = 'loading' | 'ready' | 'failed';

/** Every report of one view, each with its CSV: the headline scores, then the charts. */
function Reports({ data }: { data: ReportData }) {
  const { view } = data;
  const filters = filtersOf(view) as Record<string, string | undefined>;
  return (
    <>
      <Headline summary={data.summary} csv={csvHref('summary', filters)} />
      <div className="reports__grid">
        {METRICS.map((metric) => (
          <TrendPanel key={metric} metric={metric} trend={data.trends[metric]} csv={csvHref('trend', { ...filters, metric, interval: view.interval })} />
        ))}
        <DistributionPanel distribution={data.distribution} nps={data.summary.nps} csv={csvHref('score-distribution', { ...filters, metric: 'nps' })} />
        <RatePanel rates={data.rates} channel={view.cuts.channel} currency={data.currency} csv={csvHref('invitations', filters)} />
        <FactorsPanel report={data.factors} csv={csvHref('factors', { ...filters, metric: 'nps' })} />
        <IncidentsPanel report={data.incidents} csv={csvHref('incidents', filters)} />
        <ProblemsPanel report={data.problems} csv={csvHref('problems', { from: view.from, to: view.to })} />
      </div>
    </>
  );
}

/**
 * The reports: NPS, CSAT and CES with their n and 95% intervals, trends, the score distribution,
 * the response rate, factor importance, incidents and problems, for a period and cuts kept in the
 * address. Figures shown stay until the next ones arrive.
 */
export function ReportsPage() {
  const { t } = useI18n();
  useTitle(t('reports.title'));
  const { search } = useLocation();
  const view = useMemo(() => viewOf(new URLSearchParams(search)), [search]);
  const [data, setData] = useState<ReportData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [state, setState] = useState<State>('loading');

  useEffect(() => {
    let current = true;
    setState('loading');
    setError(null);
    loadReports(view).then(
      (loaded) => {
        if (!current) return;
        setData(loaded);
        setState('ready');
      },
      (caught: unknown) => {
        if (!current) return;
        setError(caught instanceof ApiError ? caught : new ApiError(0, String(caught)));
        setState('failed');
      },
    );
    return () => {
      current = false;
    };
  }, [view]);

  const status = state === 'loading' ? t('app.loading') : state === 'failed' ? t('reports.loadFailed') : t('reports.updated', { from: view.from, to: view.to });
  return (
    <section className="page reports" aria-labelledby="reports-title" data-state={state}>
      <div className="page__head">
        <h1 id="reports-title">{t('reports.title')}</h1>
      </div>
      <ReportFiltersForm key={search} view={view} options={data?.options} />
      <p className="reports__status" role="status">
        {status}
      </p>
      <ApiErrorMessage error={error} />
      {data && <Reports data={data} />}
    </section>
  );
}
