import { useId, useState } from 'react';
import type { Role, User } from '../../api/types';
import { formatMoment } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { ROLES } from './roles';

interface Props {
  user: User;
  busy: boolean;
  onRole: (role: Role) => void;
  onDeactivate: () => void;
  onNewLink: () => void;
}

/** One person: name and e-mail, a role switch, status, last sign-in, and what can be done. */
export function PersonRow({ user, busy, onRole, onDeactivate, onNewLink }: Props) {
  const { t, locale } = useI18n();
  const roleId = useId();
  const [confirming, setConfirming] = useState(false);
  const active = user.status !== 'deactivated';
  return (
    <tr className={active ? undefined : 'people__row--gone'}>
      <th scope="row">
        <span className="people__name">{user.displayName}</span>
        <span className="people__email">{user.email}</span>
      </th>
      <td data-label={t('people.role')}>
        <label htmlFor={roleId} className="visually-hidden">
          {t('people.roleOf', { name: user.displayName })}
        </label>
        <select id={roleId} className="control control--compact" value={user.role} disabled={busy || !active} onChange={(e) => onRole(e.target.value as Role)}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </td>
      <td data-label={t('people.status')}>{t(`people.status.${user.status}`)}</td>
      <td data-label={t('people.lastSignIn')}>{user.lastSignInAt ? formatMoment(user.lastSignInAt, locale) : <span className="muted">{t('people.never')}</span>}</td>
      <td data-label={t('people.actions')}>
        <div className="people__actions">
          {user.status === 'invited' && (
            <button type="button" className="button" disabled={busy} onClick={onNewLink}>
              {t('people.newLink')}
            </button>
          )}
          {active && !confirming && (
            <button type="button" className="button button--danger" disabled={busy} onClick={() => setConfirming(true)}>
              {t('people.deactivate')}
            </button>
          )}
          {active && confirming && (
            <>
              <button type="button" className="button button--danger" disabled={busy} onClick={onDeactivate}>
                {t('people.confirmDeactivate', { name: user.displayName })}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {t('actions.cancel')}
              </button>
            </>
          )}
        </div>
      </td>
    </tr>
  );
}
