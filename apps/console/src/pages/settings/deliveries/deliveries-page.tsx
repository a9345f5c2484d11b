import { useCallback, useState } from 'react';
import { api } from '../../../api/client';
import { ok } from '../../../api/errors';
import { Notice } from '../../../components/alerts';
import { ApiErrorMessage, useAction } from '../../../components/api-error';
import { PagedListPage, usePagedList } from '../../../components/paged-list';
import { useI18n, useTitle } from '../../../i18n/i18n';
import { DeliveryFiltersForm } from './delivery-filters';
import { DeliveryTable } from './delivery-table';
import { DEFAULT_FILTERS, type Delivery, type DeliveryFilters } from './delivery-types';
import './deliveries.css';

const PAGE_SIZE = 50;
// No live change names an outgoing message: the list is read again on Refresh and after a retry.
const NO_LIVE_CHANGE = () => false;

/** Deliveries: the messages to customers that wait or failed, per channel, with the reason; Send again where it may help. */
export function DeliveriesPage() {
  const { t } = useI18n();
  useTitle(t('deliveries.title'));
  const [filters, setFilters] = useState<DeliveryFilters>(DEFAULT_FILTERS);
  const [retried, setRetried] = useState(false);

  const fetchPage = useCallback(
    (cursor?: string) =>
      ok(api.GET('/api/v1/deliveries', { params: { query: { status: filters.status || undefined, channel: filters.channel || undefined, limit: PAGE_SIZE, cursor } } })),
    [filters],
  );
  const list = usePagedList(fetchPage, NO_LIVE_CHANGE);
  const { refresh } = list;

  const retry = useCallback(
    async (delivery: Delivery) => {
      setRetried(false);
      await ok(api.POST('/api/v1/deliveries/{id}/retry', { params: { path: { id: delivery.id } } }));
      setRetried(true);
      refresh();
    },
    [refresh],
  );
  const action = useAction(retry);

  return (
    <PagedListPage
      name="deliveries"
      title={t('deliveries.title')}
      texts={{ refresh: t('deliveries.refresh'), empty: t('deliveries.empty'), more: t('deliveries.more') }}
      list={list}
      table={(items) => <DeliveryTable items={items} busy={action.busy} onRetry={(delivery) => void action.run(delivery)} />}
      controls={
        <>
          <p className="muted">{t('deliveries.intro')}</p>
          <DeliveryFiltersForm filters={filters} onChange={setFilters} />
          {retried && <Notice>{t('deliveries.retried')}</Notice>}
          <ApiErrorMessage error={action.error} own={{ 409: t('deliveries.retryConflict'), 422: t('deliveries.retryRefused') }} />
        </>
      }
    />
  );
}
