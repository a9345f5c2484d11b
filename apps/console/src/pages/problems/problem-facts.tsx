import type { ProblemDetail } from '../../api/types';
import { Fact } from '../../components/facts';
import { IncidentLink, IncidentPriority } from '../../components/incident-badges';
import { type Column, RowTable } from '../../components/row-table';
import { formatMoment } from '../../format';
import { useI18n } from '../../i18n/i18n';

type ProblemIncident = ProblemDetail['incidents'][number];

/** What the problem is: the reason, where it repeats, how many incidents over which days. */
export function ProblemFacts({ problem }: { problem: ProblemDetail }) {
  const { t, locale } = useI18n();
  const days = new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(problem.windowDays);
  return (
    <dl className="facts">
      <Fact term={t('problems.reason')}>{problem.reasonCode}</Fact>
      <Fact term={t(`dimension.${problem.dimension}`)}>{problem.value}</Fact>
      <Fact term={t('problems.incidents')}>{new Intl.NumberFormat(locale).format(problem.incidentCount)}</Fact>
      <Fact term={t('problem.window')}>{days}</Fact>
      <Fact term={t('problems.firstSeen')}>{formatMoment(problem.firstSeenAt, locale)}</Fact>
      <Fact term={t('problems.lastSeen')}>{formatMoment(problem.lastSeenAt, locale)}</Fact>
      <Fact term={t('problem.fixedAt')}>{problem.fixedAt ? formatMoment(problem.fixedAt, locale) : <span className="muted">{t('problem.notFixed')}</span>}</Fact>
    </dl>
  );
}

/** The problem's incidents, newest first, each leading to its page. */
export function ProblemIncidents({ incidents }: { incidents: ProblemIncident[] }) {
  const { t, locale } = useI18n();
  if (incidents.length === 0) return <p className="muted">{t('problem.noIncidents')}</p>;
  const columns: [Column<ProblemIncident>, ...Column<ProblemIncident>[]] = [
    { label: t('incident.incident'), cell: (incident) => <IncidentLink incident={incident} /> },
    { label: t('incident.priority'), cell: (incident) => <IncidentPriority priority={incident.priority} /> },
    { label: t('incident.score'), cell: (incident) => (incident.score === null ? <span className="muted">{t('incident.none')}</span> : incident.score) },
    { label: t('problem.incidentOpened'), cell: (incident) => <time dateTime={incident.createdAt}>{formatMoment(incident.createdAt, locale)}</time> },
  ];
  return <RowTable caption={t('problem.incidentsCaption')} className="problem-incidents" columns={columns} items={incidents} />;
}
