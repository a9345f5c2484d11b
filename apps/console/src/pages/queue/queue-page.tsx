import { useCallback } from 'react';
import { api } from '../../api/client';
import { ok } from '../../api/errors';
import { PagedListPage, usePagedList } from '../../components/paged-list';
import { useI18n, useTitle } from '../../i18n/i18n';
import { href, Link, useLocation } from '../../router';
import { mayWorkIncidents, useSession } from '../../session/session';
import { IncidentTable } from './incident-table';
import { QueueFilters } from './queue-filters';
import { filtersOf, queueQuery, queueSearch, VIEWS, viewOf } from './queue-query';

const PAGE_SIZE = 50;

/** The incident desk's home: the queue, its ready views and filters, newest first, a page at a time. */
export function QueuePage() {
  const { t } = useI18n();
  useTitle(t('queue.title'));
  const { search, searchParams } = useLocation();
  const view = viewOf(searchParams);
  // Only those who may work incidents own any.
  const { state } = useSession();
  const views = VIEWS.filter((name) => name !== 'mine' || (state.status === 'signedIn' && mayWorkIncidents(state.me)));

  const fetchPage = useCallback(
    (cursor?: string) => ok(api.GET('/api/v1/incidents', { params: { query: { ...queueQuery(new URLSearchParams(search)), limit: PAGE_SIZE, cursor } } })),
    [search],
  );
  // Whoever changed an incident, wherever: the queue is read again, as Refresh does.
  const list = usePagedList(fetchPage, (change) => change.type === 'incident.changed');

  return (
    <PagedListPage
      name="queue"
      title={t('queue.title')}
      texts={{ refresh: t('queue.refresh'), empty: t('queue.empty'), more: t('queue.more') }}
      list={list}
      table={(items) => <IncidentTable items={items} />}
      controls={
        <>
          <nav className="views" aria-label={t('queue.views')}>
            {views.map((name) => (
              <Link key={name} to={href(`/${queueSearch(name)}`)} className="views__link" aria-current={name === view ? 'page' : undefined}>
                {t(`queue.view.${name}`)}
              </Link>
            ))}
          </nav>
          <QueueFilters key={search} view={view} filters={filtersOf(searchParams)} />
        </>
      }
    />
  );
}
