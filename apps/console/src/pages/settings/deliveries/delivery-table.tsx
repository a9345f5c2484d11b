import { type Column, RowTable } from '../../../components/row-table';
import { formatMoment } from '../../../format';
import { type Translate, useI18n } from '../../../i18n/i18n';
import { CHANNELS, type Channel, type Delivery } from './delivery-types';

/** A channel's name as people know it; an unknown one as the API names it. */
export function channelName(t: Translate, channel: string): string {
  return (CHANNELS as readonly string[]).includes(channel) ? t(`deliveries.via.${channel as Channel}`) : channel;
}

/** Why the message is not out, in the console's language, with the platform's HTTP status when there was one. */
function Reason({ delivery }: { delivery: Delivery }) {
  const { t } = useI18n();
  const { failure } = delivery;
  if (!failure) return <span className="muted">{t('deliveries.noReason')}</span>;
  return (
    <span>
      {t(`deliveries.failure.${failure.category}`)}
      {failure.httpStatus !== null && <span className="muted"> ({t('deliveries.failure.http', { status: failure.httpStatus })})</span>}
    </span>
  );
}

/**
 * The messages, one a row: when and where, its state, why it is not out, its attempts, and Send
 * again where the reason allows (else why not). On a phone each row is a card.
 */
export function DeliveryTable({ items, busy, onRetry }: { items: Delivery[]; busy: boolean; onRetry: (delivery: Delivery) => void }) {
  const { t, locale } = useI18n();
  const columns: [Column<Delivery>, ...Column<Delivery>[]] = [
    {
      label: t('deliveries.message'),
      cell: (delivery) => (
        <span className="delivery__what">
          <span>{channelName(t, delivery.channel)}</span>
          <span className="muted">{t('deliveries.written', { at: formatMoment(delivery.createdAt, locale) })}</span>
        </span>
      ),
    },
    { label: t('deliveries.status'), cell: (delivery) => <span className={`status status--delivery-${delivery.status}`}>{t(`deliveries.state.${delivery.status}`)}</span> },
    { label: t('deliveries.reason'), cell: (delivery) => <Reason delivery={delivery} /> },
    { label: t('deliveries.attempts'), cell: (delivery) => new Intl.NumberFormat(locale).format(delivery.attempts) },
    {
      label: t('deliveries.action'),
      cell: (delivery) => {
        if (delivery.retryable) {
          return (
            <button type="button" className="button" disabled={busy} onClick={() => onRetry(delivery)}>
              {t('deliveries.retry')}
            </button>
          );
        }
        return delivery.retryRefusal ? <span className="muted">{t(`deliveries.refusal.${delivery.retryRefusal}`)}</span> : null;
      },
    },
  ];
  return <RowTable caption={t('deliveries.caption')} className="deliveries" columns={columns} items={items} />;
}
