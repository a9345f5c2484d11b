import type { Incident } from '../../api/types';
import { overdue, SlaCountdown } from '../../components/sla';
import { useNow } from '../../components/use-now';
import { formatAge, formatMoment } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { href, Link } from '../../router';

/** `INC-42`, as people say it. */
export const incidentName = (incident: { number: number }) => `INC-${incident.number}`;

/**
 * The queue's rows: priority, SLA time left (ticking), reason, point, owner and age. A table on a wide
 * screen; on a phone each row stacks into a card whose cells carry their column's name.
 */
export function IncidentTable({ items }: { items: Incident[] }) {
  const { t, locale } = useI18n();
  const now = useNow();
  const columns = [t('incident.incident'), t('incident.priority'), t('incident.sla'), t('incident.reasonCode'), t('incident.pointOfService'), t('incident.owner'), t('incident.age')];
  return (
    <table className="queue">
      <caption className="visually-hidden">{t('queue.caption')}</caption>
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
        {items.map((incident) => (
          <tr key={incident.id} className={overdue(incident, now) ? 'queue__row queue__row--breached' : 'queue__row'}>
            <th scope="row" className="queue__name">
              <Link to={href(`/incidents/${incident.id}`)}>{incidentName(incident)}</Link>
              <span className={`status status--${incident.status}`}>{t(`status.${incident.status}`)}</span>
            </th>
            <td data-label={columns[1]}>
              <span className={`priority priority--${incident.priority}`}>{t(`priority.${incident.priority}`)}</span>
            </td>
            <td data-label={columns[2]}>
              <SlaCountdown incident={incident} now={now} />
            </td>
            <td data-label={columns[3]}>{incident.reasonCode ?? <span className="muted">{t('incident.none')}</span>}</td>
            <td data-label={columns[4]}>{incident.attributes.pointOfService ?? <span className="muted">{t('incident.none')}</span>}</td>
            <td data-label={columns[5]}>{incident.owner?.name ?? <span className="muted">{t('owner.nobody')}</span>}</td>
            <td data-label={columns[6]}>
              <time dateTime={incident.createdAt} title={formatMoment(incident.createdAt, locale)}>
                {formatAge(now - Date.parse(incident.createdAt), locale)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
