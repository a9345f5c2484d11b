import type { ReportSummary } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { CsvLink } from './chart-card';
import { type Estimate, figuresOf, type Kind } from './figures';

interface Figure {
  id: string;
  kind: Kind;
  label: string;
  estimate: Estimate;
  n: number;
}

/** The headline scores of the view: each value with its 95% interval and the n it rests on. */
export function Headline({ summary, csv }: { summary: ReportSummary; csv: string }) {
  const { t, locale } = useI18n();
  const f = figuresOf(t, locale);
  const figures: Figure[] = [
    { id: 'nps', kind: 'nps', label: t('reports.nps'), estimate: summary.nps, n: summary.nps.n },
    { id: 'csat', kind: 'csat', label: t('reports.csat'), estimate: summary.csat, n: summary.csat.n },
    { id: 'ces', kind: 'ces', label: t('reports.ces'), estimate: summary.ces, n: summary.ces.n },
    { id: 'rate', kind: 'rate', label: t('reports.responseRateShort'), estimate: summary.responseRate, n: summary.responseRate.invited },
    { id: 'silent', kind: 'nps', label: t('reports.silentNps'), estimate: summary.silentAdjustedNps, n: summary.silentAdjustedNps.n },
  ];
  return (
    <section className="headline" aria-labelledby="headline-title">
      <div className="report__head">
        <h2 id="headline-title" className="headline__title">
          {t('reports.headline')}
        </h2>
        <CsvLink href={csv} what={t('reports.headline')} />
      </div>
      <div className="kpis">
        {figures.map(({ id, kind, label, estimate, n }) => (
          <article key={id} className="kpi" data-metric={id} aria-labelledby={`kpi-${id}`}>
            <h3 id={`kpi-${id}`} className="kpi__label">
              {label}
            </h3>
            <p className="kpi__value">{f.value(kind, estimate.value)}</p>
            <p className="kpi__ci">{f.ci(kind, estimate.ci95)}</p>
            <p className="kpi__n">{f.n(n)}</p>
          </article>
        ))}
      </div>
    </section>
  );
}
