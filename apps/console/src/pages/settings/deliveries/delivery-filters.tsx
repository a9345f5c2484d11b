import { useState } from 'react';
import { SelectField } from '../../../components/field';
import { FiltersDisclosure } from '../../../components/filters-disclosure';
import { useI18n } from '../../../i18n/i18n';
import { channelName } from './delivery-table';
import { CHANNELS, type Channel, DEFAULT_FILTERS, type DeliveryFilters, type DeliveryStatus } from './delivery-types';

const STATUSES: DeliveryStatus[] = ['failed', 'pending', 'sent'];

/** How many filters differ from the default view. */
const filtersOn = (filters: DeliveryFilters) => Number(filters.status !== DEFAULT_FILTERS.status) + Number(filters.channel !== DEFAULT_FILTERS.channel);

/** The list's filters (channel and state) in a disclosure; Apply hands them to the page. */
export function DeliveryFiltersForm({ filters, onChange }: { filters: DeliveryFilters; onChange: (filters: DeliveryFilters) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(filters);
  const count = filtersOn(filters);
  return (
    <FiltersDisclosure
      count={count}
      texts={{ filters: t('deliveries.filters'), filtersOn: t('deliveries.filtersOn', { count }), apply: t('deliveries.apply'), clear: t('deliveries.clear') }}
      onApply={() => onChange(draft)}
      onClear={() => {
        setDraft(DEFAULT_FILTERS);
        onChange(DEFAULT_FILTERS);
      }}
    >
      <SelectField label={t('deliveries.status')} name="status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as DeliveryFilters['status'] })}>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`deliveries.state.${status}`)}
          </option>
        ))}
        <option value="">{t('deliveries.anyStatus')}</option>
      </SelectField>
      <SelectField label={t('deliveries.channel')} name="channel" value={draft.channel} onChange={(e) => setDraft({ ...draft, channel: e.target.value as Channel | '' })}>
        <option value="">{t('deliveries.anyChannel')}</option>
        {CHANNELS.map((channel) => (
          <option key={channel} value={channel}>
            {channelName(t, channel)}
          </option>
        ))}
      </SelectField>
    </FiltersDisclosure>
  );
}
