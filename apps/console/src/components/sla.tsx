import type { Incident } from '../api/types';
import { formatClock, formatMoment } from '../format';
import { useI18n } from '../i18n/i18n';

/** The deadline an incident races now: acknowledging while new, resolving while being worked; none once settled. */
export function slaDeadline(incident: Incident): string | null {
  if (incident.status === 'new') return incident.acknowledgeBy;
  if (incident.status === 'acknowledged' || incident.status === 'in_progress') return incident.resolveBy;
  return null;
}

/** Whether a deadline is missed: the API says so, or the deadline raced now has passed. */
export function overdue(incident: Incident, now: number): boolean {
  const deadline = slaDeadline(incident);
  return incident.breached || (deadline !== null && Date.parse(deadline) < now);
}

/** The SLA time left as a live countdown, red (and saying so in words) once a deadline is missed. */
export function SlaCountdown({ incident, now }: { incident: Incident; now: number }) {
  const { t, locale } = useI18n();
  const deadline = slaDeadline(incident);
  if (deadline === null) return <span className="sla sla--settled">{t('sla.settled')}</span>;
  const left = Date.parse(deadline) - now;
  const breached = overdue(incident, now);
  const what = incident.status === 'new' ? t('sla.toAcknowledge') : t('sla.toResolve');
  return (
    <span className={breached ? 'sla sla--breached' : 'sla'}>
      <time dateTime={deadline} title={`${what}: ${formatMoment(deadline, locale)}`}>
        {breached ? t('sla.overdue', { time: formatClock(left, locale) }) : t('sla.left', { time: formatClock(left, locale) })}
      </time>
    </span>
  );
}
