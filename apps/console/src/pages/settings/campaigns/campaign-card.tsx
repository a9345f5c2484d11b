import { useI18n } from '../../../i18n/i18n';
import { formatMoment } from '../../../format';
import type { Campaign } from './types';

/** A bar of `value` out of `max`, with a mark where the target sits. */
function Bar({ value, max, target, label }: { value: number; max: number; target?: number; label: string }) {
  const part = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <div className="campaigns__bar" role="img" aria-label={label}>
      <span className="campaigns__bar-fill" style={{ width: `${part * 100}%` }} />
      {target !== undefined && <span className="campaigns__bar-target" style={{ left: `${target * 100}%` }} />}
    </div>
  );
}

/** One campaign: what was asked, its window, how far it went and how its response rate stands against the target. */
export function CampaignCard({ campaign, policyName, busy, onCancel }: { campaign: Campaign; policyName?: string; busy: boolean; onCancel: () => void }) {
  const { t, locale } = useI18n();
  const whole = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
  const { name, requested, sent, planned, responseRate, responseRateTarget } = campaign;
  const titleId = `campaign-${campaign.id}`;
  const asked = 'size' in requested ? t('campaigns.requestedSize', { size: whole(requested.size) }) : t('campaigns.requestedShare', { share: whole(requested.share * 100) });
  const rateText =
    responseRate === null
      ? t('campaigns.rateNone')
      : `${t('campaigns.rate', { rate: whole(responseRate * 100), target: whole(responseRateTarget * 100) })}: ${t(campaign.meetsTarget ? 'campaigns.meets' : 'campaigns.below')}`;
  return (
    <article className="card campaigns__card" aria-labelledby={titleId}>
      <header className="campaigns__card-head">
        <h3 id={titleId}>{name}</h3>
        <span className={`campaigns__status campaigns__status--${campaign.status}`}>{t(`campaigns.status.${campaign.status}`)}</span>
      </header>
      <p className="field__hint">
        {[policyName, campaign.channel ?? t('campaigns.anyChannel'), t('campaigns.window', { from: formatMoment(campaign.windowStart, locale), to: formatMoment(campaign.windowEnd, locale) })]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <p>{t('campaigns.sentOf', { sent: whole(sent), planned: whole(planned) })}</p>
      <Bar value={sent} max={planned} label={t('campaigns.sentOf', { sent: whole(sent), planned: whole(planned) })} />
      <p className={campaign.meetsTarget === false ? 'campaigns__below' : undefined}>{rateText}</p>
      {responseRate !== null && <Bar value={responseRate} max={1} target={responseRateTarget} label={rateText} />}
      <dl className="campaigns__figures campaigns__figures--small" aria-label={t('campaigns.figures', { name })}>
        <dt>{t('campaigns.requested')}</dt>
        <dd>{asked}</dd>
        <dt>{t('campaigns.eligibleAtDraw')}</dt>
        <dd>{whole(campaign.eligible)}</dd>
        <dt>{t('campaigns.answered')}</dt>
        <dd>{whole(campaign.answered)}</dd>
        <dt>{t('campaigns.waiting')}</dt>
        <dd>{whole(campaign.waiting)}</dd>
        <dt>{t('campaigns.silent')}</dt>
        <dd>{whole(campaign.silent)}</dd>
        <dt>{t('campaigns.dropped')}</dt>
        <dd>{whole(campaign.cancelled)}</dd>
        {campaign.nextSendAt && (
          <>
            <dt>{t('campaigns.next')}</dt>
            <dd>{formatMoment(campaign.nextSendAt, locale)}</dd>
          </>
        )}
      </dl>
      {campaign.status === 'active' && (
        <button type="button" className="button button--danger" disabled={busy} onClick={onCancel}>
          {t('campaigns.cancel')}
        </button>
      )}
    </article>
  );
}
