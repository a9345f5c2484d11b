import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ApiError, ok } from '../../api/errors';
import type { Problem } from '../../api/types';
import { Loading } from '../../components/alerts';
import { ApiErrorMessage } from '../../components/api-error';
import { useI18n, useTitle } from '../../i18n/i18n';
import { useLocation } from '../../router';
import { ProblemFiltersForm } from './problem-filters';
import { problemFiltersOf, problemsQuery } from './problem-query';
import { ProblemTable } from './problem-table';
import './problems.css';

const PAGE_SIZE = 50;

interface Loaded {
  items: Problem[];
  nextCursor: string | null;
}

const asApiError = (caught: unknown) => (caught instanceof ApiError ? caught : new ApiError(0, String(caught)));

/** The problems: repeated incidents, newest first, the unsettled ones unless the filters say otherwise. */
export function ProblemsPage() {
  const { t } = useI18n();
  useTitle(t('problems.title'));
  const { search } = useLocation();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const fetchPage = useCallback(
    (cursor?: string) => ok(api.GET('/api/v1/problems', { params: { query: { ...problemsQuery(problemFiltersOf(new URLSearchParams(search))), limit: PAGE_SIZE, cursor } } })),
    [search],
  );
  const load = useCallback(
    async (more: boolean) => {
      setBusy(true);
      setError(null);
      try {
        const page = await fetchPage(more ? (loaded?.nextCursor ?? undefined) : undefined);
        setLoaded({ items: more ? [...(loaded?.items ?? []), ...page.items] : page.items, nextCursor: page.nextCursor });
      } catch (caught) {
        setError(asApiError(caught));
      } finally {
        setBusy(false);
      }
    },
    [fetchPage, loaded],
  );

  useEffect(() => {
    setLoaded(null);
    setError(null);
    let current = true;
    fetchPage().then(
      (page) => current && setLoaded({ items: page.items, nextCursor: page.nextCursor }),
      (caught: unknown) => current && setError(asApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [fetchPage]);

  return (
    <section aria-labelledby="problems-title" className="page">
      <div className="page__head">
        <h1 id="problems-title">{t('problems.title')}</h1>
        <button type="button" className="button" onClick={() => void load(false)} disabled={busy}>
          {t('problems.refresh')}
        </button>
      </div>
      <p className="muted">{t('problems.intro')}</p>
      <ProblemFiltersForm key={search} filters={problemFiltersOf(new URLSearchParams(search))} />
      <ApiErrorMessage error={error} />
      {loaded === null && !error && <Loading label={t('app.loading')} />}
      {loaded !== null && loaded.items.length === 0 && <p className="empty">{t('problems.empty')}</p>}
      {loaded !== null && loaded.items.length > 0 && <ProblemTable items={loaded.items} />}
      {loaded?.nextCursor && (
        <p className="more">
          <button type="button" className="button" onClick={() => void load(true)} disabled={busy}>
            {t('problems.more')}
          </button>
        </p>
      )}
    </section>
  );
}
