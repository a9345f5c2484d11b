import { useCallback } from 'react';
import type { ReportIncidents, ReportProblems } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { ChartCard } from './chart-card';
import { COLOURS, countColumns } from './charts';
import { figuresOf } from './figures';

const INCIDENT_STATES = ['new', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'closed'] as const;
const PROBLEM_STATES = ['open', 'investigating', 'fixed'] as const;

/** Terms and their figures, above a chart. */
function Facts({ facts }: { facts: [string, string][] }) {
  return (
    <dl className="report__facts">
      {facts.map(([term, value]) => (
        <div key={term} className="report__fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Incidents opened in the period by state, with SLA compliance and the median times to act. */
export function IncidentsPanel({ report, csv }: { report: ReportIncidents; csv: string }) {
  const { t, locale } = useI18n();
  const f = figuresOf(t, locale);
  const sla = report.slaCompliance;
  const labels = INCIDENT_STATES.map((state) => t(`status.${state}`));
  const counts = INCIDENT_STATES.map((state) => report.byStatus[state] ?? 0);
  const draw = useCallback(
    (canvas: HTMLCanvasElement) => countColumns(canvas, { labels, counts, colours: INCIDENT_STATES.map((state) => COLOURS[state]) }),
    // Redrawn for new figures or another language, which the labels follow.
    [report, locale],
  );
  return (
    <ChartCard
      name="incidents"
      title={t('reports.incidents')}
      note={t('reports.incidentsNote')}
      draw={draw}
      summary={t('reports.summaryIncidents', { total: f.number(report.total), value: f.value('rate', sla.value) })}
      empty={report.total ? null : t('reports.noData')}
      csv={csv}
      tables={[{ caption: t('reports.incidents'), headers: [t('reports.state'), t('reports.incidentCount')], rows: INCIDENT_STATES.map((_, i) => [labels[i], f.number(counts[i])]) }]}
    >
      <Facts
        facts={[
          [t('reports.slaCompliance'), `${f.value('rate', sla.value)} (${f.ci('rate', sla.ci95)}, ${f.n(sla.met + sla.breached)})`],
          [t('reports.medianAck'), f.minutes(report.medianMinutesToAcknowledge)],
          [t('reports.medianResolve'), f.minutes(report.medianMinutesToResolve)],
        ]}
      />
    </ChartCard>
  );
}

/** Problems detected in the period by state, the median time to fix, and the reasons behind most incidents. */
export function ProblemsPanel({ report, csv }: { report: ReportProblems; csv: string }) {
  const { t, locale } = useI18n();
  const f = figuresOf(t, locale);
  const labels = PROBLEM_STATES.map((state) => t(`problemStatus.${state}`));
  const counts = PROBLEM_STATES.map((state) => report.byStatus[state] ?? 0);
  const draw = useCallback(
    (canvas: HTMLCanvasElement) => countColumns(canvas, { labels, counts, colours: PROBLEM_STATES.map((state) => COLOURS[state]) }),
    [report, locale],
  );
  return (
    <ChartCard
      name="problems"
      title={t('reports.problems')}
      note={t('reports.problemsNote')}
      draw={draw}
      summary={t('reports.summaryProblems', { total: f.number(report.total), value: f.days(report.medianDaysToFix) })}
      empty={report.total ? null : t('reports.noProblems')}
      csv={csv}
      tables={[
        { caption: t('reports.problems'), headers: [t('reports.state'), t('reports.problemCount')], rows: PROBLEM_STATES.map((_, i) => [labels[i], f.number(counts[i])]) },
        {
          caption: t('reports.reason'),
          headers: [t('reports.reason'), t('reports.problemCount'), t('reports.incidentCount')],
          rows: report.reasons.map((r) => [r.reasonCode, f.number(r.problems), f.number(r.incidents)]),
        },
      ]}
    >
      <Facts facts={[[t('reports.medianFix'), f.days(report.medianDaysToFix)]]} />
    </ChartCard>
  );
}
