import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { type ApiError, asApiError, ok } from '../../../api/errors';
import { apiFieldError, ApiErrorMessage, useAction } from '../../../components/api-error';
import { SelectField, TextField } from '../../../components/field';
import { useI18n } from '../../../i18n/i18n';
import { EstimatePanel, MARGINS } from './estimate-panel';
import type { Campaign, CampaignEstimate, CampaignInput, Policy } from './types';

const FIELDS = ['name', 'policyId', 'channel', 'size', 'share', 'windowStart', 'windowEnd'] as const;

/** A `datetime-local` value (the browser's time zone) some days from now, at the top of the hour. */
function localInput(daysAhead: number): string {
  const at = new Date(Date.now() + daysAhead * 86_400_000);
  at.setMinutes(0, 0, 0);
  at.setHours(at.getHours() + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:00`;
}

/** The estimate for the policy, channel and precision chosen, read again whenever one changes. */
function useEstimate(policyId: string, channel: string, margin: number) {
  const [estimate, setEstimate] = useState<CampaignEstimate | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!policyId) return undefined;
    let current = true;
    setEstimate(null);
    setError(null);
    const query = { policyId, marginPoints: margin, ...(channel ? { channel } : {}) };
    ok(api.GET('/api/v1/campaigns/estimate', { params: { query } })).then(
      (found) => current && setEstimate(found),
      (caught: unknown) => current && setError(asApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [policyId, channel, margin]);
  return { estimate, error };
}

/** A new campaign: its policy, channel, size (or share) and window, beside what it would reach. */
export function CampaignForm({ policies, onStarted }: { policies: Policy[]; onStarted: (campaign: Campaign) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [policyId, setPolicyId] = useState(policies[0]?.id ?? '');
  const [channel, setChannel] = useState('');
  const [by, setBy] = useState<'size' | 'share'>('size');
  const [amount, setAmount] = useState('');
  const [windowStart, setWindowStart] = useState(() => localInput(0));
  const [windowEnd, setWindowEnd] = useState(() => localInput(7));
  const [margin, setMargin] = useState<number>(MARGINS[0]);
  const { estimate, error: estimateError } = useEstimate(policyId, channel, margin);

  const start = useAction(async () => {
    const body: CampaignInput = {
      name,
      policyId,
      ...(channel ? { channel } : {}),
      ...(by === 'size' ? { size: Number(amount) } : { share: Number(amount) / 100 }),
      windowStart: new Date(windowStart).toISOString(),
      windowEnd: new Date(windowEnd).toISOString(),
    };
    onStarted(await ok(api.POST('/api/v1/campaigns', { body })));
  });
  const at = (field: (typeof FIELDS)[number]) => apiFieldError(start.error, field);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void start.run();
  };

  return (
    <form className="card campaigns__form" onSubmit={submit} aria-labelledby="campaign-new" noValidate>
      <h2 id="campaign-new">{t('campaigns.new')}</h2>
      <div className="campaigns__form-grid">
        <div className="campaigns__fields">
          <TextField label={t('campaigns.name')} value={name} required maxLength={200} error={at('name')} onChange={(event) => setName(event.target.value)} />
          <SelectField label={t('campaigns.policy')} hint={t('campaigns.policyHint')} value={policyId} error={at('policyId')} onChange={(event) => setPolicyId(event.target.value)}>
            {policies.map((policy) => (
              <option key={policy.id} value={policy.id}>
                {policy.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('campaigns.channel')} hint={t('campaigns.channelHint')} value={channel} error={at('channel')} onChange={(event) => setChannel(event.target.value)}>
            <option value="">{t('campaigns.anyChannel')}</option>
            {(estimate?.channels ?? []).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </SelectField>
          <fieldset className="campaigns__choice">
            <legend className="field__label">{t('campaigns.how')}</legend>
            {(['size', 'share'] as const).map((kind) => (
              <label key={kind} className="campaigns__option">
                <input type="radio" name="campaign-by" checked={by === kind} onChange={() => setBy(kind)} />
                {t(kind === 'size' ? 'campaigns.bySize' : 'campaigns.byShare')}
              </label>
            ))}
          </fieldset>
          <TextField
            label={t(by === 'size' ? 'campaigns.size' : 'campaigns.share')}
            type="number"
            inputMode="numeric"
            min={1}
            max={by === 'size' ? 1_000_000 : 100}
            value={amount}
            required
            error={at(by)}
            onChange={(event) => setAmount(event.target.value)}
          />
          <TextField label={t('campaigns.windowStart')} hint={t('campaigns.windowHint')} type="datetime-local" value={windowStart} required error={at('windowStart')} onChange={(event) => setWindowStart(event.target.value)} />
          <TextField label={t('campaigns.windowEnd')} type="datetime-local" value={windowEnd} required error={at('windowEnd')} onChange={(event) => setWindowEnd(event.target.value)} />
        </div>
        <EstimatePanel
          estimate={estimate}
          error={estimateError}
          margin={margin}
          onMargin={setMargin}
          onUse={(size) => {
            setBy('size');
            setAmount(String(size));
          }}
        />
      </div>
      <ApiErrorMessage error={start.error} fields={FIELDS} own={{ 422: t('campaigns.tooTight') }} />
      <button type="submit" className="button button--primary" disabled={start.busy}>
        {start.busy ? t('campaigns.starting') : t('campaigns.start')}
      </button>
    </form>
  );
}
