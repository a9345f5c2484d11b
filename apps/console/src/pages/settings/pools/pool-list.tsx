import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { type ApiError, asApiError, ok } from '../../../api/errors';
import { Loading } from '../../../components/alerts';
import { ApiErrorMessage } from '../../../components/api-error';
import { RowTable } from '../../../components/row-table';
import { PageSection } from '../../../components/page-section';
import { formatMoment } from '../../../format';
import { useI18n, useTitle } from '../../../i18n/i18n';
import { href, Link } from '../../../router';
import type { QuestionPool } from './question-draft';

/** The pools, the archived ones when asked; each opens its editor. */
export function PoolList() {
  const { t, locale } = useI18n();
  useTitle(t('pools.title'));
  const [archived, setArchived] = useState(false);
  const [pools, setPools] = useState<QuestionPool[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    ok(api.GET('/api/v1/question-pools', { params: { query: { includeArchived: archived ? 'true' : 'false' } } }))
      .then(setPools)
      .catch((caught: unknown) => setError(asApiError(caught)));
  }, [archived]);

  return (
    <PageSection
      id="pools-title"
      title={t('pools.title')}
      className="pools"
      aside={
        <Link to={href('/settings/pools/new')} className="button button--primary">
          {t('pools.new')}
        </Link>
      }
    >
      <label className="choice__option">
        <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} /> {t('pools.showArchived')}
      </label>
      <ApiErrorMessage error={error} />
      {pools === null && !error && <Loading label={t('app.loading')} />}
      {pools && pools.length === 0 && <p className="muted">{t('pools.none')}</p>}
      {pools && pools.length > 0 && (
        <RowTable
          caption={t('pools.title')}
          items={pools}
          columns={[
            { label: t('pools.name'), cell: (pool) => <Link to={href(`/settings/pools/${pool.id}`)}>{pool.name}</Link> },
            { label: t('pools.questions'), cell: (pool) => pool.questions.length },
            { label: t('pools.version'), cell: (pool) => pool.version },
            { label: t('pools.status'), cell: (pool) => t(pool.status === 'archived' ? 'pools.status.archived' : 'pools.status.active') },
            { label: t('pools.updated'), cell: (pool) => formatMoment(pool.updatedAt, locale) },
          ]}
        />
      )}
    </PageSection>
  );
}
