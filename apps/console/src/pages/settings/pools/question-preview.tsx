import { useEffect, useMemo, useState } from 'react';
import { api } from '../../../api/client';
import { type ApiError, asApiError, ok } from '../../../api/errors';
import { Loading } from '../../../components/alerts';
import { ApiErrorMessage } from '../../../components/api-error';
import { SelectField } from '../../../components/field';
import { LOCALE_NAMES, type Locale, useI18n } from '../../../i18n/i18n';
import { usePoolLanguages } from './pool-languages';
import { ChannelMessage } from './channel-messages';
import { type Question, type QuestionDraft, type QuestionPreview, questionOf } from './question-draft';

/** How long typing may pause before the preview is asked again. */
const SETTLE_MS = 300;

/**
 * The question as each channel sends it, from the API's preview: the messages the channels'
 * own renderers make, drawn the way each messenger shows them. Follows the edits as they settle.
 */
export function QuestionPreviewPanel({ draft }: { draft: QuestionDraft }) {
  const { t, locale: spoken } = useI18n();
  const languages = usePoolLanguages();
  const [chosen, setLocale] = useState<Locale>(spoken);
  // The console's own language while the pool speaks it; else the pool's first.
  const locale = languages.includes(chosen) ? chosen : languages[0] ?? spoken;
  const [preview, setPreview] = useState<QuestionPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const body = useMemo(() => JSON.stringify(questionOf(draft)), [draft]);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const shown = (answer: QuestionPreview | null, refusal: ApiError | null) => {
        if (!current) return;
        setPreview(answer);
        setError(refusal);
      };
      ok(api.POST('/api/v1/question-pools/preview', { body: { locale, question: JSON.parse(body) as Question } }))
        .then((answer) => shown(answer, null))
        .catch((caught: unknown) => shown(null, asApiError(caught)));
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [body, locale]);

  return (
    <section className="preview" aria-label={t('pools.previewTitle', { code: draft.code || '—' })}>
      <SelectField label={t('pools.previewLanguage')} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        {languages.map((option) => (
          <option key={option} value={option}>
            {LOCALE_NAMES[option]}
          </option>
        ))}
      </SelectField>
      <ApiErrorMessage error={error} own={{ 400: t('pools.previewIncomplete') }} />
      {!preview && !error && <Loading label={t('app.loading')} />}
      {preview && (
        <ul className="preview__channels">
          {preview.channels.map((channel) => (
            <li key={channel.channel} className={`preview__channel preview__channel--${channel.channel}`}>
              <h4>
                {channel.title} {!channel.enabled && <span className="muted">({t('pools.channelOff')})</span>}
              </h4>
              <ChannelMessage channel={channel.channel} payload={channel.payload} locale={locale} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
