import type { ProblemDetail } from '../../api/types';
import { HistoryTimeline } from '../../components/history-timeline';
import { type Translate, useI18n } from '../../i18n/i18n';
import { href, Link } from '../../router';
import { incidentName } from '../../components/incident-badges';

/**
 * What Turbota found when it detected the problem, in the reader's language (the note it wrote is
 * English): the incidents it started with are those that did not join later.
 */
function detectedNote(t: Translate, locale: string, problem: ProblemDetail): string {
  const joined = problem.history.filter((entry) => entry.action === 'link').length;
  return t('problemHistory.detectNote', {
    count: new Intl.NumberFormat(locale).format(problem.incidentCount - joined),
    reason: problem.reasonCode,
    where: t(`dimension.${problem.dimension}`).toLocaleLowerCase(locale),
    value: problem.value,
    days: new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(problem.windowDays),
  });
}

/** The problem's history, oldest first: detected, incidents joining, and each move with who made it and why. */
export function ProblemHistory({ problem }: { problem: ProblemDetail }) {
  const { t, locale } = useI18n();
  const incidents = new Map(problem.incidents.map((incident) => [incident.id, incident]));
  const entries = problem.history.map((entry) => (entry.action === 'detect' && entry.actor.kind === 'system' ? { ...entry, note: detectedNote(t, locale, problem) } : entry));
  return (
    <HistoryTimeline
      entries={entries}
      status={(status) => t(`problemStatus.${status}`)}
      what={(entry) => {
        const incident = entry.incidentId === null ? undefined : incidents.get(entry.incidentId);
        return (
          <>
            <strong>{t(`problemHistory.${entry.action}`)}</strong>
            {incident && (
              <>
                {' · '}
                <Link to={href(`/incidents/${incident.id}`)}>{incidentName(incident)}</Link>
              </>
            )}
          </>
        );
      }}
    />
  );
}
