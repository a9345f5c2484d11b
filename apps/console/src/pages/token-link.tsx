import { useEffect, useState } from 'react';
import { ApiError } from '../api/errors';
import { Loading } from '../components/alerts';
import { ApiErrorMessage } from '../components/api-error';
import { useI18n } from '../i18n/i18n';

/** What a one-time link (an invitation, a password reset) opened: its data, or why it does not work. */
export type LinkState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: ApiError };

/** Reads what a one-time link stands for, once per token. */
export function useTokenLink<T>(read: () => Promise<T>, token: string): LinkState<T> {
  const [state, setState] = useState<LinkState<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    read().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => current && setState({ status: 'failed', error: error instanceof ApiError ? error : new ApiError(0, String(error)) }),
    );
    return () => {
      current = false;
    };
    // The token names the link; `read` is a new closure on every render.
  }, [token]);
  return state;
}

/** While a link loads, or when it is unknown (404), used or expired (410). */
export function LinkProblem({ state, title, gone }: { state: LinkState<unknown>; title: string; gone: string }) {
  const { t } = useI18n();
  if (state.status === 'loading') return <Loading label={t('app.loading')} />;
  if (state.status !== 'failed') return null;
  return (
    <section className="card card--narrow" aria-labelledby="link-title">
      <h1 id="link-title">{title}</h1>
      <ApiErrorMessage error={state.error} own={{ 404: t('link.unknown'), 410: gone }} />
    </section>
  );
}
