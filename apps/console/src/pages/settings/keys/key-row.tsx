import { useState } from 'react';
import { formatMoment } from '../../../format';
import { useI18n } from '../../../i18n/i18n';
import type { ApiKey } from './key-types';

/** One key: what it is for, its role and origin, when made and last used, and revoking it after a second press. */
export function KeyRow({ apiKey, busy, onRevoke }: { apiKey: ApiKey; busy: boolean; onRevoke: () => void }) {
  const { t, locale } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const moment = (iso: string | null) => (iso ? formatMoment(iso, locale) : <span className="muted">{t('keys.never')}</span>);
  return (
    <tr className={apiKey.revokedAt ? 'people__row--gone' : undefined}>
      <th scope="row">
        <span className="people__name">{apiKey.name}</span>
        <span className="people__email">{t(`keys.source.${apiKey.source}`)}</span>
      </th>
      <td data-label={t('keys.role')}>{t(`role.${apiKey.role}`)}</td>
      <td data-label={t('keys.fingerprint')}>{apiKey.fingerprint ? <code>{apiKey.fingerprint}</code> : '—'}</td>
      <td data-label={t('keys.createdAt')}>{moment(apiKey.createdAt)}</td>
      <td data-label={t('keys.lastUsed')}>{moment(apiKey.lastUsedAt)}</td>
      <td data-label={t('keys.status')}>{apiKey.revokedAt ? t('keys.revokedAt', { at: formatMoment(apiKey.revokedAt, locale) }) : t('keys.active')}</td>
      <td data-label={t('keys.actions')}>
        {!apiKey.revokedAt && (
          <div className="people__actions">
            {confirming ? (
              <>
                <button type="button" className="button button--danger" disabled={busy} onClick={onRevoke}>
                  {t('keys.confirmRevoke', { name: apiKey.name })}
                </button>
                <button type="button" className="button" onClick={() => setConfirming(false)}>
                  {t('actions.cancel')}
                </button>
              </>
            ) : (
              <button type="button" className="button button--danger" disabled={busy} onClick={() => setConfirming(true)}>
                {t('keys.revoke')}
              </button>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}
