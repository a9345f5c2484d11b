import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { type ApiError, asApiError, ok } from '../../../api/errors';
import { Loading, Notice } from '../../../components/alerts';
import { ApiErrorMessage, useAction } from '../../../components/api-error';
import { CopyLink } from '../../../components/copy-link';
import { PageSection } from '../../../components/page-section';
import { useI18n, useTitle } from '../../../i18n/i18n';
import { KeyForm } from './key-form';
import { KeyRow } from './key-row';
import type { ApiKey, CreatedApiKey } from './key-types';
import './keys.css';

/** API keys: the list, a new key (its secret shown once, to copy), revoking one. */
export function KeysPage() {
  const { t } = useI18n();
  useTitle(t('keys.title'));
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [withRevoked, setWithRevoked] = useState(false);
  const [fresh, setFresh] = useState<CreatedApiKey | null>(null);
  const [revoked, setRevoked] = useState<ApiKey | null>(null);

  const reload = useCallback(async () => {
    try {
      setKeys(await ok(api.GET('/api/v1/api-keys', { params: { query: { includeRevoked: withRevoked ? 'true' : 'false' } } })));
      setLoadError(null);
    } catch (caught) {
      setLoadError(asApiError(caught));
    }
  }, [withRevoked]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const created = useCallback(
    (key: CreatedApiKey) => {
      setRevoked(null);
      setFresh(key);
      void reload();
    },
    [reload],
  );
  const revoke = useCallback(
    async (key: ApiKey) => {
      const gone = await ok(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: key.id } } }));
      await reload();
      setRevoked(gone);
      if (fresh?.id === key.id) setFresh(null);
    },
    [fresh, reload],
  );
  const { busy, error, run } = useAction(revoke);

  return (
    <PageSection id="keys-title" title={t('keys.title')}>
      <div className="keys__layout">
        <div className="card">
          <KeyForm onCreated={created} />
          {fresh && (
            <div className="keys__fresh">
              <Notice>{t('keys.created', { name: fresh.name })}</Notice>
              <p className="keys__once">{t('keys.secretOnce')}</p>
              <CopyLink label={t('keys.secret')} url={fresh.key} />
            </div>
          )}
        </div>
        <div className="keys__list">
          {revoked && <Notice>{t('keys.revoked', { name: revoked.name })}</Notice>}
          <ApiErrorMessage error={error ?? loadError} own={{ 409: t('keys.lastAdmin') }} />
          <label className="choice__option">
            <input type="checkbox" checked={withRevoked} onChange={(e) => setWithRevoked(e.target.checked)} />
            {t('keys.showRevoked')}
          </label>
          {keys === null && !loadError && <Loading label={t('app.loading')} />}
          {keys?.length === 0 && <p className="empty">{t('keys.empty')}</p>}
          {keys && keys.length > 0 && (
            <table className="people">
              <caption className="visually-hidden">{t('keys.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('keys.key')}</th>
                  <th scope="col">{t('keys.role')}</th>
                  <th scope="col">{t('keys.fingerprint')}</th>
                  <th scope="col">{t('keys.createdAt')}</th>
                  <th scope="col">{t('keys.lastUsed')}</th>
                  <th scope="col">{t('keys.status')}</th>
                  <th scope="col">{t('keys.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <KeyRow key={key.id} apiKey={key} busy={busy} onRevoke={() => void run(key)} />
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </PageSection>
  );
}
