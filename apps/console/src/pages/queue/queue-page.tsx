import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ApiError, ok } from '../../api/errors';
import type { Incident } from '../../api/types';
import { Loading } from '../../components/alerts';
import { ApiErrorMessage } from '../../components/api-error';
import { useI18n, useTitle } from '../../i18n/i18n';
import { useLiveChanges } from '../../live/use-live-changes';
import { href, Link, useLocation } from '../../router';
import { mayWorkIncidents, useSession } from '../../session/session';
import { IncidentTable } from './incident-table';
import { QueueFilters } from './queue-filters';
import { filtersOf, queueQuery, queueSearch, VIEWS, viewOf } from './queue-query';

const PAGE_SIZE = 50;

interface Loaded {
  items: Incident[];
  nextCursor: string | null;
}

/** The incident desk's home: the queue, its ready views and filters, newest first, a page at a time. */
export function QueuePage() {
  const { t } = useI18n();
  useTitle(t('queue.title'));
  const { search, searchParams } = useLocation();
  const view = viewOf(searchParams);
  // Only those who may work incidents own any.
  const { state } = useSession();
  const views = VIEWS.filter((name) => name !== 'mine' || (state.status === 'signedIn' && mayWorkIncidents(state.me)));
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const fetchPage = useCallback(
    (cursor?: string) => ok(api.GET('/api/v1/incidents', { params: { query: { ...queueQuery(new URLSearchParams(search)), limit: PAGE_SIZE, cursor } } })),
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
        setError(caught instanceof ApiError ? caught : new ApiError(0, String(caught)));
      } finally {
        setBusy(false);
      }
    },
    [fetchPage, loaded],
  );
  // Whoever changed an incident, wherever: the queue is read again, as Refresh does.
  useLiveChanges((change) => change.type === 'incident.changed', () => void load(false));

  useEffect(() => {
    setLoaded(null);
    let current = true;
    fetchPage().then(
      (page) => current && setLoaded({ items: page.items, nextCursor: page.nextCursor }),
      (caught: unknown) => current && setError(caught instanceof ApiError ? caught : new ApiError(0, String(caught))),
    );
    return () => {
      current = false;
    };
  }, [fetchPage]);

  return (
    <section aria-labelledby="queue-title" className="page">
      <div className="page__head">
        <h1 id="queue-title">{t('queue.title')}</h1>
        <button type="button" className="button" onClick={() => void load(false)} disabled={busy}>
          {t('queue.refresh')}
        </button>
      </div>
      <nav className="views" aria-label={t('queue.views')}>
        {views.map((name) => (
          <Link key={name} to={href(`/${queueSearch(name)}`)} className="views__link" aria-current={name === view ? 'page' : undefined}>
            {t(`queue.view.${name}`)}
          </Link>
        ))}
      </nav>
      <QueueFilters key={search} view={view} filters={filtersOf(searchParams)} />
      <ApiErrorMessage error={error} />
      {loaded === null && !error && <Loading label={t('app.loading')} />}
      {loaded !== null && loaded.items.length === 0 && <p className="empty">{t('queue.empty')}</p>}
      {loaded !== null && loaded.items.length > 0 && <IncidentTable items={loaded.items} />}
      {loaded?.nextCursor && (
        <p className="more">
          <button type="button" className="button" onClick={() => void load(true)} disabled={busy}>
            {t('queue.more')}
          </button>
        </p>
      )}
    </section>
  );
}
