import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { type ApiError, asApiError, ok } from '../../../api/errors';
import { Loading, Notice } from '../../../components/alerts';
import { ApiErrorMessage, useAction } from '../../../components/api-error';
import { useI18n, useTitle } from '../../../i18n/i18n';
import { CampaignCard } from './campaign-card';
import { CampaignForm } from './campaign-form';
import type { Campaign, Policy } from './types';
import './campaigns.css';

/** Campaigns: start one beside the estimate of what it would reach; follow each one's progress; cancel. */
export function CampaignsPage() {
  const { t } = useI18n();
  useTitle(t('campaigns.title'));
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [policies, setPolicies] = useState<Policy[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [started, setStarted] = useState<Campaign | null>(null);
  const [formKey, setFormKey] = useState(0);

  const reload = useCallback(async () => {
    try {
      const [found, active] = await Promise.all([ok(api.GET('/api/v1/campaigns')), ok(api.GET('/api/v1/survey-policies'))]);
      setCampaigns(found);
      setPolicies(active.filter((policy) => policy.status === 'active'));
      setLoadError(null);
    } catch (caught) {
      setLoadError(asApiError(caught));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const cancel = useAction(async (campaign: Campaign) => {
    if (!window.confirm(t('campaigns.cancelConfirm', { name: campaign.name }))) return;
    const cancelled = await ok(api.POST('/api/v1/campaigns/{id}/cancel', { params: { path: { id: campaign.id } } }));
    setCampaigns((current) => current?.map((other) => (other.id === cancelled.id ? cancelled : other)) ?? null);
  });

  if (loadError && !campaigns) return <ApiErrorMessage error={loadError} />;
  if (!campaigns || !policies) return <Loading label={t('app.loading')} />;
  const policyName = (id: string) => policies.find((policy) => policy.id === id)?.name;

  return (
    <div className="campaigns">
      <h1>{t('campaigns.title')}</h1>
      <p className="campaigns__lead">{t('campaigns.lead')}</p>
      {started && <Notice>{t('campaigns.started', { name: started.name, planned: started.planned })}</Notice>}
      {policies.length === 0 ? (
        <p className="message message--info">{t('campaigns.noPolicy')}</p>
      ) : (
        <CampaignForm
          key={formKey}
          policies={policies}
          onStarted={(campaign) => {
            setStarted(campaign);
            setCampaigns((current) => [campaign, ...(current ?? [])]);
            setFormKey((key) => key + 1);
          }}
        />
      )}
      <div className="campaigns__list-head">
        <h2>{t('campaigns.list')}</h2>
        <button type="button" className="button" onClick={() => void reload()}>
          {t('campaigns.refresh')}
        </button>
      </div>
      <ApiErrorMessage error={cancel.error ?? loadError} />
      {campaigns.length === 0 && <p>{t('campaigns.none')}</p>}
      <div className="campaigns__list">
        {campaigns.map((campaign) => (
          <CampaignCard key={campaign.id} campaign={campaign} policyName={policyName(campaign.policyId)} busy={cancel.busy} onCancel={() => void cancel.run(campaign)} />
        ))}
      </div>
    </div>
  );
}
