import { Component, lazy, type ReactNode, Suspense } from 'react';
import { ErrorMessage, Loading } from '../../components/alerts';
import { useI18n } from '../../i18n/i18n';

// The charts library is large and only this page draws: it comes in its own file, when first opened.
const ReportsPage = lazy(() => import('./reports-page').then((module) => ({ default: module.ReportsPage })));

/** Catches a failure to fetch the page's file (the network), which would otherwise blank the console. */
class LoadFailure extends Component<{ fallback: (retry: () => void) => ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback(() => window.location.reload()) : this.props.children;
  }
}

/** The reports page, fetched on first use. */
export function LazyReportsPage() {
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
      <Suspense fallback={<Loading label={t('app.loading')} />}>
        <ReportsPage />
      </Suspense>
    </LoadFailure>
  );
}
