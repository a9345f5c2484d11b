import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { type ApiError, asApiError, ok } from '../../../api/errors';
import { Loading } from '../../../components/alerts';
import { ApiErrorMessage } from '../../../components/api-error';
import { RowTable } from '../../../components/row-table';
import { PageSection } from '../../../components/page-section';
import { useI18n, useTitle } from '../../../i18n/i18n';
import { href, Link } from '../../../router';
import { CheckForm } from './check-form';
import type { SurveyPolicy } from './policy-draft';
import { PolicyEditor } from './policy-editor';
import './policies.css';

/** Survey policies: the list with the "what would happen" check (`policies`), a new one (`policies/new`), one to edit (`policies/<id>`). */
export function PoliciesPage({ rest }: { rest: string[] }) {
  const [id] = rest;
  if (id === undefined) return <PolicyList />;
  return <PolicyEditor key={id} id={id === 'new' ? null : id} />;
}

function PolicyList() {
  const { t } = useI18n();
  useTitle(t('policies.title'));
  const [archivedToo, setArchivedToo] = useState(false);
  const [policies, setPolicies] = useState<SurveyPolicy[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  const load = useCallback(async (includeArchived: boolean) => {
    try {
      const query = { includeArchived: includeArchived ? ('true' as const) : ('false' as const) };
      setPolicies(await ok(api.GET('/api/v1/survey-policies', { params: { query } })));
    } catch (error) {
      setLoadError(asApiError(error));
    }
  }, []);
  useEffect(() => {
    void load(archivedToo);
  }, [load, archivedToo]);

  const quiet = (p: SurveyPolicy) => (p.quietHours ? `${p.quietHours.start}–${p.quietHours.end} ${p.quietHours.timeZone}` : t('policies.noQuiet'));
  return (
    <PageSection
      id="policies-title"
      title={t('policies.title')}
      aside={
        <Link className="button button--primary policies__new" to={href('/settings/policies/new')}>
          {t('policies.new')}
        </Link>
      }
    >
      <p className="muted">{t('policies.intro')}</p>
      <label className="choice__option">
        <input type="checkbox" checked={archivedToo} onChange={(e) => setArchivedToo(e.target.checked)} />
        {t('policies.showArchived')}
      </label>
      <ApiErrorMessage error={loadError} />
      {policies === null && !loadError && <Loading label={t('app.loading')} />}
      {policies?.length === 0 && <p>{t('policies.none')}</p>}
      {policies && policies.length > 0 && (
        <RowTable
          caption={t('policies.caption')}
          items={policies}
          columns={[
            { label: t('policies.name'), cell: (p) => <Link to={href(`/settings/policies/${p.id}`)}>{p.name}</Link> },
            { label: t('policies.covers'), cell: (p) => (p.serviceTypes.length ? p.serviceTypes.join(', ') : t('policies.everyOther')) },
            { label: t('policies.quiet'), cell: quiet },
            { label: t('policies.status'), cell: (p) => t(`policies.status.${p.status}`) },
          ]}
        />
      )}
      {policies && <CheckForm serviceTypes={[...new Set(policies.filter((p) => p.status === 'active').flatMap((p) => p.serviceTypes))]} />}
    </PageSection>
  );
}
