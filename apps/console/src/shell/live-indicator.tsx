import { useI18n } from '../i18n/i18n';
import { useLiveStatus } from '../live/use-live-changes';

/** Says in the header whether the page follows changes as they happen, or is trying to again. */
export function LiveIndicator() {
  const { t } = useI18n();
  const status = useLiveStatus();
  if (status === 'off') return null;
  const on = status === 'connected';
  return (
    <p className={`live live--${on ? 'on' : 'waiting'}`} role="status" title={t(on ? 'live.onHint' : 'live.waitingHint')}>
      <span className="live__dot" aria-hidden="true" />
      <span className="live__text">{t(on ? 'live.on' : status === 'connecting' ? 'live.connecting' : 'live.reconnecting')}</span>
    </p>
  );
}
