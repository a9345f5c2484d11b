import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { api } from '../../../api/client';
import { ok } from '../../../api/errors';
import { ApiErrorMessage, useAction } from '../../../components/api-error';
import { SelectField, TextField } from '../../../components/field';
import { useI18n } from '../../../i18n/i18n';
import { required } from '../../validation';
import { CheckResult } from './check-result';
import { fieldsShown, problemsAt } from './field-problems';
import type { ContactCheck } from './policy-draft';

const CHANNELS = ['telegram', 'viber', 'messenger', 'slack', 'botframework'] as const;
const FIELDS = ['customer', 'serviceType', 'pointOfService', 'occurredAt', 'externalId'] as const;

const two = (n: number) => String(n).padStart(2, '0');
/** Now, as a `datetime-local` control holds it (the reader's clock, to the minute). */
function localNow(): string {
  const d = new Date();
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** An external id no real contact has: the check records nothing, but an id the contact centre used would answer that contact's decision. */
const checkId = () => `console-check-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** "What would happen": a contact entered by hand, decided as a report of it would be now, with nothing recorded. */
export function CheckForm({ serviceTypes }: { serviceTypes: string[] }) {
  const { t } = useI18n();
  const listId = useId();
  const [channel, setChannel] = useState<string>(CHANNELS[0]);
  const [address, setAddress] = useState('');
  const [phone, setPhone] = useState('');
  const [serviceType, setServiceType] = useState('');
  const [point, setPoint] = useState('');
  const [occurredAt, setOccurredAt] = useState(localNow);
  const [points, setPoints] = useState<{ code: string; name: string }[]>([]);
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const [answer, setAnswer] = useState<{ check: ContactCheck; channel: string } | null>(null);

  useEffect(() => {
    // The points only help to pick one; without them the check still works.
    ok(api.GET('/api/v1/points')).then(setPoints, () => setPoints([]));
  }, []);

  const work = useCallback(async () => {
    setAnswer(null);
    const customer = { channel, address: address.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) };
    const body = { externalId: checkId(), customer, serviceType: serviceType.trim() || null, pointOfService: point || null, occurredAt: new Date(occurredAt).toISOString() };
    const check = await ok(api.POST('/api/v1/contacts', { params: { query: { dryRun: 'true' } }, body }));
    if ('dryRun' in check) setAnswer({ check, channel });
  }, [channel, address, phone, serviceType, point, occurredAt]);
  const { busy, error, run } = useAction(work);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const gaps = required({ address, occurredAt });
    setMissing(gaps);
    if (Object.keys(gaps).length === 0) void run();
  };
  const fieldError = (field: string, apiField: string) => (missing[field] ? { text: t('field.required') } : problemsAt(error, apiField));

  return (
    <div className="card check">
      <form className="form check__form" onSubmit={submit} noValidate aria-labelledby="check-title">
        <h2 id="check-title">{t('check.title')}</h2>
        <p className="muted check__intro">{t('check.intro')}</p>
        <ApiErrorMessage error={error} fields={fieldsShown(error, FIELDS)} />
        <SelectField label={t('check.channel')} name="channel" value={channel} onChange={(e) => setChannel(e.target.value)} error={problemsAt(error, 'customer.channel')}>
          {CHANNELS.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </SelectField>
        <TextField label={t('check.address')} hint={t('check.address.hint')} name="address" autoComplete="off" value={address} onChange={(e) => setAddress(e.target.value)} error={fieldError('address', 'customer.address')} />
        <TextField label={t('check.phone')} hint={t('check.phone.hint')} name="phone" type="tel" autoComplete="off" value={phone} onChange={(e) => setPhone(e.target.value)} error={problemsAt(error, 'customer.phone')} />
        <TextField label={t('check.serviceType')} hint={t('check.serviceType.hint')} name="serviceType" list={listId} autoComplete="off" value={serviceType} onChange={(e) => setServiceType(e.target.value)} error={problemsAt(error, 'serviceType')} />
        <datalist id={listId}>
          {serviceTypes.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        <SelectField label={t('check.point')} hint={t('check.point.hint')} name="point" value={point} onChange={(e) => setPoint(e.target.value)} error={problemsAt(error, 'pointOfService')}>
          <option value="">{t('policies.none.option')}</option>
          {points.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('check.occurredAt')} hint={t('check.occurredAt.hint')} name="occurredAt" type="datetime-local" value={occurredAt} onChange={(e) => setOccurredAt(e.target.value)} error={fieldError('occurredAt', 'occurredAt')} />
        <div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('check.run')}
          </button>
        </div>
      </form>
      <div aria-live="polite">{answer && <CheckResult check={answer.check} channel={answer.channel} />}</div>
    </div>
  );
}
