import { type FormEvent, useCallback, useState } from 'react';
import { api } from '../../api/client';
import { ok } from '../../api/errors';
import type { Role, User } from '../../api/types';
import { ApiErrorMessage, apiFieldError, useAction } from '../../components/api-error';
import { SelectField, TextField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { required } from '../validation';
import { ROLES } from './roles';

const FIELDS = ['email', 'displayName', 'role'] as const;

/** Invites a person; the new link is handed to the page to show for copying. */
export function InviteForm({ onInvited }: { onInvited: (user: User, link: { inviteUrl: string; expiresAt: string; emailed: boolean }) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('supervisor');
  const [missing, setMissing] = useState<Record<string, boolean>>({});

  const work = useCallback(async () => {
    const { user, ...link } = await ok(api.POST('/api/v1/users', { body: { email: email.trim(), displayName: displayName.trim(), role } }));
    setEmail('');
    setDisplayName('');
    onInvited(user, link);
  }, [email, displayName, role, onInvited]);
  const { busy, error, run } = useAction(work);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const gaps = required({ email, displayName });
    setMissing(gaps);
    if (Object.keys(gaps).length === 0) void run();
  };
  const fieldError = (field: string) => (missing[field] ? { text: t('field.required') } : apiFieldError(error, field));

  return (
    <form className="form form--inline" onSubmit={submit} noValidate aria-labelledby="invite-form-title">
      <h2 id="invite-form-title">{t('people.invite')}</h2>
      <ApiErrorMessage error={error} fields={FIELDS} own={{ 409: t('people.exists') }} />
      <TextField label={t('field.email')} name="email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError('email')} />
      <TextField label={t('field.displayName')} name="displayName" autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={fieldError('displayName')} />
      <SelectField label={t('people.role')} name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} error={fieldError('role')}>
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {t(`role.${option}`)}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('people.sendInvite')}
      </button>
    </form>
  );
}
