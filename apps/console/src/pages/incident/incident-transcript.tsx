import type { TranscriptLine } from '../../api/types';
import { formatMoment } from '../../format';
import { useI18n } from '../../i18n/i18n';

/**
 * The conversation as the customer saw it, oldest first: the bot's questions with the buttons
 * they offered, and the customer's answers and words. It is in the customer's language, which
 * may not be the console's.
 */
export function IncidentTranscript({ lines, locale: spoken }: { lines: TranscriptLine[]; locale: string }) {
  const { t, locale } = useI18n();
  if (lines.length === 0) return <p className="muted">{t('transcript.none')}</p>;
  return (
    <ol className="transcript">
      {lines.map((line, index) => (
        <li key={`${line.at}-${index}`} className={`transcript__line transcript__line--${line.from}`}>
          <p className="transcript__who muted">
            {t(line.from === 'bot' ? 'transcript.bot' : 'transcript.customer')}
            {' · '}
            <time dateTime={line.at}>{formatMoment(line.at, locale)}</time>
          </p>
          <p className="transcript__text" lang={spoken}>
            {line.text}
          </p>
          {line.buttons.length > 0 && (
            <ul className="transcript__buttons" aria-label={t('transcript.buttons')} lang={spoken}>
              {line.buttons.map((label, k) => (
                <li key={k}>{label}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
