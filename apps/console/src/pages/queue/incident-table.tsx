import type { Incident } from '../../api/types';
import { Age } from '../../components/age';
import { IncidentLink, IncidentPriority } from '../../components/incident-badges';
import { type Column, RowTable } from '../../components/row-table';
import { overdue, SlaCountdown } from '../../components/sla';
import { useNow } from '../../components/use-now';
import { useI18n } from '../../i18n/i18n';

/**
 * The queue's rows: priority, SLA time left (ticking), reason, point, owner and age. A table on a wide
 * screen; on a phone each row stacks into a card whose cells carry their column's name.
 */
export function IncidentTable({ items }: { items: Incident[] }) {
  const { t } = useI18n();
  const now = useNow();
  const none = <span className="muted">{t('incident.none')}</span>;
  const columns: [Column<Incident>, ...Column<Incident>[]] = [
    { label: t('incident.incident'), cell: (incident) => <IncidentLink incident={incident} /> },
    { label: t('incident.priority'), cell: (incident) => <IncidentPriority priority={incident.priority} /> },
    { label: t('incident.sla'), cell: (incident) => <SlaCountdown incident={incident} now={now} /> },
    { label: t('incident.reasonCode'), cell: (incident) => incident.reasonCode ?? none },
    { label: t('incident.pointOfService'), cell: (incident) => incident.attributes.pointOfService ?? none },
    { label: t('incident.owner'), cell: (incident) => incident.owner?.name ?? <span className="muted">{t('owner.nobody')}</span> },
    { label: t('incident.age'), cell: (incident) => <Age at={incident.createdAt} now={now} /> },
  ];
  return <RowTable caption={t('queue.caption')} columns={columns} items={items} rowClassName={(incident) => (overdue(incident, now) ? 'queue__row--breached' : undefined)} />;
}
