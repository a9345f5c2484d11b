import { lazy } from 'react';
import { LazyPage } from '../../components/lazy-page';

// The charts library is large and only this page draws: it comes in its own file, when first opened.
const ReportsPage = lazy(() => import('./reports-page').then((module) => ({ default: module.ReportsPage })));

/** The reports page, fetched on first use. */
export function LazyReportsPage() {
  return (
    <LazyPage>
      <ReportsPage />
    </LazyPage>
  );
}
