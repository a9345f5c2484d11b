import { useCallback } from 'react';
import { api } from '../../api/client';
import { ok } from '../../api/errors';
import { PagedListPage, usePagedList } from '../../components/paged-list';
import { useI18n, useTitle } from '../../i18n/i18n';
import { useLocation } from '../../router';
import { ProblemFiltersForm } from './problem-filters';
import { problemFiltersOf, problemsQuery } from './problem-query';
import { ProblemTable } from './problem-table';
import './problems.css';

const PAGE_SIZE = 50;

/** The problems: repeated incidents, newest first, the unsettled ones unless the filters say otherwise. */
export function ProblemsPage() {
  const { t } = useI18n();
  useTitle(t('problems.title'));
  const { search } = useLocation();

  const fetchPage = useCallback(
    (cursor?: string) => ok(api.GET('/api/v1/problems', { params: { query: { ...problemsQuery(problemFiltersOf(new URLSearchParams(search))), limit: PAGE_SIZE, cursor } } })),
    [search],
  );
  // Whoever moved a problem, or a new one detected: the list is read again, as Refresh does.
  const list = usePagedList(fetchPage, (change) => change.type === 'problem.changed');

  return (
    <PagedListPage
      name="problems"
      title={t('problems.title')}
      texts={{ refresh: t('problems.refresh'), empty: t('problems.empty'), more: t('problems.more') }}
      list={list}
      table={(items) => <ProblemTable items={items} />}
      controls={
        <>
          <p className="muted">{t('problems.intro')}</p>
          <ProblemFiltersForm key={search} filters={problemFiltersOf(new URLSearchParams(search))} />
        </>
      }
    />
  );
}
