import { type FormEvent, useCallback, useState } from 'react';
import { api } from '../../../api/client';
import { ok } from '../../../api/errors';
import { ApiErrorMessage, apiFieldError, useAction } from '../../../components/api-error';
import { SelectField, TextField } from '../../../components/field';
import { useI18n } from '../../../i18n/i18n';
import { required } from '../../validation';
import { type CreatedApiKey, KEY_ROLES, type KeyRole } from './key-types';

const FIELDS = ['name', 'role'] as const;

/** Creates an API key; the key itself goes to the page, which shows it once. */
export function KeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [role, setRole] = useState<KeyRole>(KEY_ROLES[0]);
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const work = useCallback(async () => {
    const created = await ok(api.POST('/api/v1/api-keys', { body: { name: name.trim(), role } }));
    setName('');
    onCreated(created);
  }, [name, role, onCreated]);
  const { busy, error, run } = useAction(work);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const gaps = required({ name });
    setMissing(gaps);
    if (Object.keys(gaps).length === 0) void run();
  };
  const fieldError = (field: string) => (missing[field] ? { text: t('field.required') } : apiFieldError(error, field));

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="key-form-title">
      <h2 id="key-form-title">{t('keys.new')}</h2>
      <ApiErrorMessage error={error} fields={FIELDS} />
      <TextField label={t('keys.name')} hint={t('keys.nameHint')} name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={fieldError('name')} />
      <SelectField label={t('keys.role')} name="role" value={role} onChange={(e) => setRole(e.target.value as KeyRole)} error={fieldError('role')}>
        {KEY_ROLES.map((option) => (
          <option key={option} value={option}>
            {t(`role.${option}`)}
          </option>
        ))}
      </SelectField>
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('keys.create')}
        </button>
      </div>
    </form>
  );
}
