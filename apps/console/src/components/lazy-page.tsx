import { Component, type ReactNode, Suspense } from 'react';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading } from './alerts';

/** Catches a failure to fetch a page's file (the network), which would otherwise blank the console. */
class LoadFailure extends Component<{ fallback: (retry: () => void) => ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback(() => window.location.reload()) : this.props.children;
  }
}

/** A page fetched in its own file on first use (`lazy`), with a retry when the fetch fails. */
export function LazyPage({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <LoadFailure
      fallback={(retry) => (
        <>
          <ErrorMessage>
            <p>{t('error.network')}</p>
          </ErrorMessage>
          <button type="button" className="button" onClick={retry}>
            {t('app.retry')}
          </button>
        </>
      )}
    >
      <Suspense fallback={<Loading label={t('app.loading')} />}>{children}</Suspense>
    </LoadFailure>
  );
}
