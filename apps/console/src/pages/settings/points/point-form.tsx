import { type FormEvent, useCallback, useState } from 'react';
import { ApiErrorMessage, apiFieldError, useAction } from '../../../components/api-error';
import { SelectField, TextField } from '../../../components/field';
import { LOCALES, useI18n } from '../../../i18n/i18n';
import { required } from '../../validation';
import type { Point, PointInput } from './point-types';
import { usePolicies } from './use-point-data';

/** The form's fields, as typed. */
interface Draft {
  name: string;
  code: string;
  address: string;
  timeZone: string;
  policyId: string;
  greeting: Record<(typeof LOCALES)[number], string>;
}

const FIELDS = ['name', 'code', 'address', 'timeZone', 'policyId', 'greeting', ...LOCALES.map((locale) => `greeting.${locale}`)];

function draftOf(point: Point | undefined): Draft {
  return {
    name: point?.name ?? '',
    code: point?.code ?? '',
    address: point?.address ?? '',
    timeZone: point?.timeZone ?? '',
    policyId: point?.policyId ?? '',
    greeting: { uk: point?.greeting?.uk ?? '', ru: point?.greeting?.ru ?? '', en: point?.greeting?.en ?? '' },
  };
}

/** The point as the API takes it: an empty optional field is null (cleared), greetings only where written. */
function inputOf(draft: Draft): PointInput {
  const greeting: Partial<Record<(typeof LOCALES)[number], string>> = {};
  for (const locale of LOCALES) if (draft.greeting[locale].trim() !== '') greeting[locale] = draft.greeting[locale].trim();
  const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    name: draft.name.trim(),
    code: draft.code.trim(),
    address: orNull(draft.address),
    timeZone: orNull(draft.timeZone),
    policyId: draft.policyId || null,
    greeting: Object.keys(greeting).length > 0 ? greeting : null,
  };
}

/** Creates a point (no `point`) or changes one; the API's refusals show at the fields they name. */
export function PointForm({ point, onSave, submitLabel }: { point?: Point; onSave: (input: PointInput) => Promise<void>; submitLabel: string }) {
  const { t } = useI18n();
  const policies = usePolicies();
  const [draft, setDraft] = useState(() => draftOf(point));
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const work = useCallback(async () => {
    await onSave(inputOf(draft));
    if (!point) setDraft(draftOf(undefined));
  }, [draft, onSave, point]);
  const { busy, error, run } = useAction(work);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const gaps = required({ name: draft.name, code: draft.code });
    setMissing(gaps);
    if (Object.keys(gaps).length === 0) void run();
  };
  const fieldError = (field: string) => (missing[field] ? { text: t('field.required') } : apiFieldError(error, field));
  const text = (field: 'name' | 'code' | 'address' | 'timeZone') => ({
    name: field,
    value: draft[field],
    autoComplete: 'off',
    error: fieldError(field),
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value }),
  });

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ApiErrorMessage error={error} fields={FIELDS} own={{ 409: t('points.exists'), 404: t('points.notFound') }} />
      <TextField label={t('points.field.name')} {...text('name')} />
      <TextField label={t('points.field.code')} hint={t('points.field.codeHint')} {...text('code')} />
      <TextField label={t('points.field.address')} {...text('address')} />
      <TextField label={t('points.field.timeZone')} hint={t('points.field.timeZoneHint')} {...text('timeZone')} />
      <SelectField label={t('points.field.policy')} name="policyId" value={draft.policyId} onChange={(e) => setDraft({ ...draft, policyId: e.target.value })} error={fieldError('policyId')}>
        <option value="">{t('points.field.policyDefault')}</option>
        {policies.map((policy) => (
          <option key={policy.id} value={policy.id}>
            {policy.name}
          </option>
        ))}
      </SelectField>
      {LOCALES.map((locale, index) => (
        <TextField
          key={locale}
          label={t('points.field.greeting', { language: t(`points.lang.${locale}`) })}
          hint={index === 0 ? t('points.field.greetingHint') : undefined}
          name={`greeting.${locale}`}
          lang={locale}
          autoComplete="off"
          value={draft.greeting[locale]}
          onChange={(e) => setDraft({ ...draft, greeting: { ...draft.greeting, [locale]: e.target.value } })}
          error={apiFieldError(error, `greeting.${locale}`) ?? (index === 0 ? apiFieldError(error, 'greeting') : undefined)}
        />
      ))}
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
