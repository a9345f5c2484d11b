import type { ApiError } from '../../../api/errors';
import { Loading } from '../../../components/alerts';
import { ApiErrorMessage } from '../../../components/api-error';
import { useI18n } from '../../../i18n/i18n';
import type { CampaignEstimate } from './types';

/** The precisions an admin chooses between, in NPS points at 95%. */
export const MARGINS = [5, 10] as const;

interface EstimatePanelProps {
  estimate: CampaignEstimate | null;
  error: ApiError | null;
  margin: number;
  onMargin: (margin: number) => void;
  /** Puts the invitations needed into the form's size. */
  onUse: (size: number) => void;
}

/** What the campaign being planned would reach: eligible customers, answers and invitations for the chosen precision. */
export function EstimatePanel({ estimate, error, margin, onMargin, onUse }: EstimatePanelProps) {
  const { t, locale } = useI18n();
  const whole = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
  const percent = (share: number) => whole(share * 100);
  return (
    <section className="campaigns__estimate" aria-labelledby="campaign-estimate" aria-live="polite" aria-busy={!estimate && !error}>
      <h3 id="campaign-estimate">{t('campaigns.estimate')}</h3>
      <fieldset className="campaigns__choice">
        <legend className="field__label">{t('campaigns.margin')}</legend>
        {MARGINS.map((points) => (
          <label key={points} className="campaigns__option">
            <input type="radio" name="campaign-margin" checked={margin === points} onChange={() => onMargin(points)} />
            {t('campaigns.marginOption', { points })}
          </label>
        ))}
      </fieldset>
      <ApiErrorMessage error={error} />
      {!estimate && !error && <Loading label={t('app.loading')} />}
      {estimate && (
        <>
          <dl className="campaigns__figures">
            <dt>{t('campaigns.eligible')}</dt>
            <dd data-figure="eligible">{whole(estimate.eligible)}</dd>
            <dt>{t('campaigns.answersNeeded', { points: estimate.marginPoints })}</dt>
            <dd data-figure="answers">{whole(estimate.answersNeeded)}</dd>
            <dt>{t('campaigns.invitationsNeeded', { rate: percent(estimate.basis.responseRate) })}</dt>
            <dd data-figure="invitations">{whole(estimate.invitationsNeeded)}</dd>
          </dl>
          {estimate.eligible === 0 && <p className="message message--info">{t('campaigns.nobody')}</p>}
          {estimate.eligible > 0 && !estimate.enough && estimate.marginIfAllInvited !== null && (
            <p className="message message--info">{t('campaigns.notEnough', { points: estimate.marginPoints, reach: whole(estimate.marginIfAllInvited) })}</p>
          )}
          {estimate.invitationsNeeded > 0 && (
            <button type="button" className="button" onClick={() => onUse(estimate.invitationsNeeded)}>
              {t('campaigns.useSize', { count: whole(estimate.invitationsNeeded) })}
            </button>
          )}
          <p className="field__hint">
            {estimate.basis.shares === 'observed'
              ? t('campaigns.basisObserved', { answers: whole(estimate.basis.npsAnswers), promoters: percent(estimate.basis.promoters), detractors: percent(estimate.basis.detractors) })
              : t('campaigns.basisWorst')}{' '}
            {estimate.basis.responseRateObserved ? t('campaigns.rateObserved') : t('campaigns.rateTarget')}
          </p>
        </>
      )}
    </section>
  );
}
