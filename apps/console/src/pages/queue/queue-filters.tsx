import { useState } from 'react';
import { SelectField, TextField } from '../../components/field';
import { FiltersDisclosure } from '../../components/filters-disclosure';
import { useI18n } from '../../i18n/i18n';
import { href, navigate } from '../../router';
import { useAssignable } from '../incident/assignable';
import { type Filter, queueSearch, type View } from './queue-query';

const STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'closed'] as const;
const PRIORITIES = ['high', 'normal', 'low'] as const;
const TEXT_FILTERS = ['reasonCode', 'pointOfService', 'agent', 'serviceType', 'channel'] as const;

/** The queue's filters, in a disclosure that says how many are on; applying puts them in the address. */
export function QueueFilters({ view, filters }: { view: View; filters: Partial<Record<Filter, string>> }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(filters);
  const { people } = useAssignable();
  const count = Object.keys(filters).length;
  const set = (name: Filter, value: string) => setDraft((current) => ({ ...current, [name]: value }));
  const clear = () => {
    setDraft({});
    navigate(href(`/${queueSearch(view)}`));
  };
  return (
    <FiltersDisclosure
      count={count}
      texts={{ filters: t('queue.filters'), filtersOn: t('queue.filtersOn', { count }), apply: t('queue.apply'), clear: t('queue.clear') }}
      onApply={() => navigate(href(`/${queueSearch(view, draft)}`))}
      onClear={clear}
    >
      <SelectField label={t('incident.status')} name="status" value={draft.status ?? ''} onChange={(e) => set('status', e.target.value)}>
        <option value="">{t('queue.anyStatus')}</option>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`status.${status}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('incident.priority')} name="priority" value={draft.priority ?? ''} onChange={(e) => set('priority', e.target.value)}>
        <option value="">{t('queue.any')}</option>
        {PRIORITIES.map((priority) => (
          <option key={priority} value={priority}>
            {t(`priority.${priority}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('queue.breached')} name="breached" value={draft.breached ?? ''} onChange={(e) => set('breached', e.target.value)}>
        <option value="">{t('queue.any')}</option>
        <option value="true">{t('queue.breachedYes')}</option>
        <option value="false">{t('queue.breachedNo')}</option>
      </SelectField>
      <SelectField label={t('incident.owner')} name="owner" value={draft.owner ?? ''} onChange={(e) => set('owner', e.target.value)}>
        <option value="">{t('queue.any')}</option>
        <option value="me">{t('owner.me')}</option>
        <option value="none">{t('owner.nobody')}</option>
        {(people ?? []).map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
          </option>
        ))}
      </SelectField>
      {TEXT_FILTERS.map((name) => (
        <TextField key={name} label={t(`incident.${name}`)} name={name} value={draft[name] ?? ''} onChange={(e) => set(name, e.target.value)} />
      ))}
    </FiltersDisclosure>
  );
}
