import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { type ApiError, asApiError, ok } from '../../../api/errors';
import { Loading, Notice } from '../../../components/alerts';
import { ApiErrorMessage, useAction } from '../../../components/api-error';
import { useI18n, useTitle } from '../../../i18n/i18n';
import { href, Link, navigate } from '../../../router';
import { draftOf, newDraft, type PolicySettings, type QuestionPool, type SurveyPolicy } from './policy-draft';
import { PolicyForm } from './policy-form';

/** A policy to change or archive, or (`id` null) a new one. */
export function PolicyEditor({ id }: { id: string | null }) {
  const { t } = useI18n();
  const [policy, setPolicy] = useState<SurveyPolicy | null>(null);
  const [pools, setPools] = useState<QuestionPool[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(0);
  useTitle(policy ? t('policies.editTitle', { name: policy.name }) : t('policies.createTitle'));

  useEffect(() => {
    const load = async () => {
      try {
        const [found, all] = await Promise.all([
          id === null ? null : ok(api.GET('/api/v1/survey-policies/{id}', { params: { path: { id } } })),
          ok(api.GET('/api/v1/question-pools', { params: { query: { includeArchived: 'false' } } })),
        ]);
        setPolicy(found);
        setPools(all);
      } catch (error) {
        setLoadError(asApiError(error));
      }
    };
    void load();
  }, [id]);

  const create = useCallback(async (settings: PolicySettings) => {
    const created = await ok(api.POST('/api/v1/survey-policies', { body: settings }));
    navigate(href(`/settings/policies/${created.id}`), { replace: true });
  }, []);
  const update = useCallback(
    async (settings: PolicySettings) => {
      const params = { path: { id: policy!.id }, header: { 'if-match': String(policy!.version) } };
      setPolicy(await ok(api.PATCH('/api/v1/survey-policies/{id}', { params, body: settings })));
      setSaved((n) => n + 1);
    },
    [policy],
  );
  const archiving = useCallback(async () => {
    if (!window.confirm(t('policies.archiveConfirm', { name: policy!.name }))) return;
    setPolicy(await ok(api.DELETE('/api/v1/survey-policies/{id}', { params: { path: { id: policy!.id } } })));
  }, [policy, t]);
  const archive = useAction(archiving);

  const ready = pools !== null && (id === null || policy !== null);
  const archived = policy?.status === 'archived';
  return (
    <section className="page" aria-labelledby="policy-title">
      <Link className="back" to={href('/settings/policies')}>
        {t('policies.back')}
      </Link>
      <div className="page__head">
        <h1 id="policy-title">{policy ? t('policies.editTitle', { name: policy.name }) : t('policies.createTitle')}</h1>
        {policy && !archived && (
          <button type="button" className="button button--danger" disabled={archive.busy} onClick={() => void archive.run()}>
            {t('policies.archive')}
          </button>
        )}
      </div>
      <ApiErrorMessage error={loadError ?? archive.error} />
      {archived && <Notice>{t('policies.archivedNote')}</Notice>}
      {saved > 0 && !archived && <Notice key={saved}>{t('policies.saved')}</Notice>}
      {!ready && !loadError && <Loading label={t('app.loading')} />}
      {ready && (
        <div className="card">
          <PolicyForm
            // A saved version starts the form afresh from what the API kept.
            key={policy ? `${policy.id}:${policy.version}:${policy.status}` : 'new'}
            initial={policy ? draftOf(policy) : newDraft(pools[0]?.id ?? '')}
            pools={pools}
            submitLabel={policy ? t('policies.save') : t('policies.create')}
            readOnly={archived}
            onSave={policy ? update : create}
          />
        </div>
      )}
    </section>
  );
}
