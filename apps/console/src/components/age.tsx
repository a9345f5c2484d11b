import { formatAge, formatMoment } from '../format';
import { useI18n } from '../i18n/i18n';

/** How long ago a moment was (`now` ticks in the caller), with the moment itself on hover. */
export function Age({ at, now }: { at: string; now: number }) {
  const { locale } = useI18n();
  return (
    <time dateTime={at} title={formatMoment(at, locale)}>
      {formatAge(now - Date.parse(at), locale)}
    </time>
  );
}
