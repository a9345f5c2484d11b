import type { Incident } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { href, Link } from '../router';

/** `INC-42`, as people say it. */
export const incidentName = (incident: { number: number }) => `INC-${incident.number}`;

/** An incident's status as a badge. */
export function IncidentStatus({ status }: { status: Incident['status'] }) {
  const { t } = useI18n();
  return <span className={`status status--${status}`}>{t(`status.${status}`)}</span>;
}

/** An incident's priority as a badge. */
export function IncidentPriority({ priority }: { priority: Incident['priority'] }) {
  const { t } = useI18n();
  return <span className={`priority priority--${priority}`}>{t(`priority.${priority}`)}</span>;
}

/** An incident's name leading to its page, with its status: how a list names an incident. */
export function IncidentLink({ incident }: { incident: Pick<Incident, 'id' | 'number' | 'status'> }) {
  return (
    <>
      <Link to={href(`/incidents/${incident.id}`)}>{incidentName(incident)}</Link>
      <IncidentStatus status={incident.status} />
    </>
  );
}
