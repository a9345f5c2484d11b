import type { ReactNode } from 'react';
import type { ProblemDetail } from '../../api/types';
import { formatMoment } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { href, Link } from '../../router';
import { incidentName } from '../queue/incident-table';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

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
export function ProblemIncidents({ incidents }: { incidents: ProblemDetail['incidents'] }) {
  const { t, locale } = useI18n();
  if (incidents.length === 0) return <p className="muted">{t('problem.noIncidents')}</p>;
  const columns = [t('incident.incident'), t('incident.priority'), t('incident.score'), t('problem.incidentOpened')];
  return (
    <table className="queue problem-incidents">
      <caption className="visually-hidden">{t('problem.incidentsCaption')}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {incidents.map((incident) => (
          <tr key={incident.id} className="queue__row">
            <th scope="row" className="queue__name">
              <Link to={href(`/incidents/${incident.id}`)}>{incidentName(incident)}</Link>
              <span className={`status status--${incident.status}`}>{t(`status.${incident.status}`)}</span>
            </th>
            <td data-label={columns[1]}>
              <span className={`priority priority--${incident.priority}`}>{t(`priority.${incident.priority}`)}</span>
            </td>
            <td data-label={columns[2]}>{incident.score === null ? <span className="muted">{t('incident.none')}</span> : incident.score}</td>
            <td data-label={columns[3]}>
              <time dateTime={incident.createdAt}>{formatMoment(incident.createdAt, locale)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
