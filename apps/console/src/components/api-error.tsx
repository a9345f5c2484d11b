import { useCallback, useState } from 'react';
import { ApiError } from '../api/errors';
import type { Translate } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage } from './alerts';
import type { FieldError } from './field';

/** Our words for a refusal, by status; a page passes its own for the statuses it expects. */
export function describeError(t: Translate, error: ApiError, own: Partial<Record<number, string>> = {}): string {
  const mine = own[error.status];
  if (mine !== undefined) return mine;
  if (error.status === 0) return t('error.network');
  if (error.status === 429) return t('error.throttled', { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) });
  if (error.status === 400) return t('error.invalid');
  if (error.status === 401) return t('error.signedOut');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 404) return t('error.notFound');
  if (error.status === 409) return t('error.conflict');
  if (error.status >= 500) return t('error.server');
  return t('error.other', { status: error.status });
}

/**
 * A refusal for the whole form, in our words; the API's own message (in English) follows where it
 * tells more than the status does. `fields` are the form's fields: their problems show at them instead.
 */
export function ApiErrorMessage({ error, own, fields = [] }: { error: ApiError | null; own?: Partial<Record<number, string>>; fields?: readonly string[] }) {
  const { t } = useI18n();
  if (!error || error.coveredBy(fields)) return null;
  const detailed = [400, 403, 409].includes(error.status) && own?.[error.status] === undefined && error.message.length > 0;
  return (
    <ErrorMessage>
      <p>{describeError(t, error, own)}</p>
      {detailed && (
        <p className="message__detail" lang="en">
          {error.message}
        </p>
      )}
    </ErrorMessage>
  );
}

/** What the API said about a field, shown at it. */
export function apiFieldError(error: ApiError | null, field: string): FieldError {
  const text = error?.problemsOf(field);
  return text === undefined ? undefined : { text, lang: 'en' };
}

/** Runs an API action with a busy flag; a refusal lands in `error` for the form to show. */
export function useAction<A extends unknown[]>(work: (...args: A) => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        await work(...args);
      } catch (caught) {
        setError(caught instanceof ApiError ? caught : new ApiError(0, String(caught)));
      } finally {
        setBusy(false);
      }
    },
    [work],
  );
  return { busy, error, run, setError };
}
