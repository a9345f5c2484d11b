import type { ProblemDetail } from '../../api/types';
import { formatMoment } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { href, Link } from '../../router';
import { actorName } from '../incident/incident-history';
import { incidentName } from '../queue/incident-table';

/** The problem's history, oldest first: detected, incidents joining, and each move with who made it and why. */
export function ProblemHistory({ problem }: { problem: ProblemDetail }) {
  const { t, locale } = useI18n();
  const incidents = new Map(problem.incidents.map((incident) => [incident.id, incident]));
  return (
    <ol className="history">
      {problem.history.map((entry, index) => {
        const incident = entry.incidentId === null ? undefined : incidents.get(entry.incidentId);
        return (
          <li key={`${entry.at}-${index}`} className="history__entry">
            <p className="history__line">
              <strong>{t(`problemHistory.${entry.action}`)}</strong>
              {incident && (
                <>
                  {' · '}
                  <Link to={href(`/incidents/${incident.id}`)}>{incidentName(incident)}</Link>
                </>
              )}
              {' · '}
              <span>{actorName(t, entry.actor)}</span>
              {entry.from !== null && entry.from !== entry.to && (
                <span className="muted">
                  {' · '}
                  {t(`problemStatus.${entry.from}`)} → {t(`problemStatus.${entry.to}`)}
                </span>
              )}
            </p>
            <p className="history__time muted">
              <time dateTime={entry.at}>{formatMoment(entry.at, locale)}</time>
            </p>
            {entry.note && <p className="history__note">{entry.note}</p>}
          </li>
        );
      })}
    </ol>
  );
}
