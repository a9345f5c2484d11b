import { formatMoment } from '../../../format';
import { type Locale, useI18n } from '../../../i18n/i18n';
import type { ContactCheck } from './policy-draft';

/** A moment as the clock in `timeZone` shows it. */
function momentIn(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** The decision in the console's language: invited, scheduled and when (in the policy's zone and the reader's), or skipped and why. */
function decisionText(check: ContactCheck, channel: string, locale: Locale, t: ReturnType<typeof useI18n>['t']): string {
  if (check.decision === 'invited') return t('check.invited', { channel });
  if (check.decision === 'scheduled') {
    const zone = check.policy?.quietHours?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const at = check.scheduledFor!;
    return t('check.scheduled', { local: momentIn(at, locale, zone), zone, yours: formatMoment(at, locale) });
  }
  const reason = check.reason ?? 'no_policy';
  const why = reason === 'cool_down' ? t('check.reason.cool_down', { at: formatMoment(check.lastSurveyAt!, locale) }) : t(`check.reason.${reason}`);
  return t('check.skipped', { reason: why });
}

/** What the check answered, with the policy that decided and what may still differ in a real report. */
export function CheckResult({ check, channel }: { check: ContactCheck; channel: string }) {
  const { t, locale } = useI18n();
  const rate = check.policy?.samplingRate ?? 1;
  // Only a contact that got as far as the draw could come out otherwise in a real report.
  const drawn = check.decision !== 'skipped' || check.reason === 'sampled_out';
  const share = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  return (
    <div className={`check-result check-result--${check.decision}`} data-decision={check.decision} data-scheduled-for={check.scheduledFor}>
      <h3>{t('check.result')}</h3>
      <p className="check-result__decision">{decisionText(check, channel, locale, t)}</p>
      {check.policy && <p className="muted">{t('check.policy', { name: check.policy.name })}</p>}
      {drawn && rate > 0 && rate < 1 && <p className="muted">{t('check.sampled', { share })}</p>}
      {check.recorded && <p className="muted">{t('check.recorded')}</p>}
    </div>
  );
}
