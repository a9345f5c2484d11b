import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { ok } from '../../api/errors';
import type { IncidentAction, IncidentDetail, Me } from '../../api/types';
import { Loading, Notice } from '../../components/alerts';
import { ApiErrorMessage } from '../../components/api-error';
import { actorName } from '../../components/history-timeline';
import { IncidentPriority, IncidentStatus, incidentName } from '../../components/incident-badges';
import { SlaCountdown } from '../../components/sla';
import { useNow } from '../../components/use-now';
import { formatMoment } from '../../format';
import { useI18n, useTitle } from '../../i18n/i18n';
import { useLiveRead } from '../../live/use-live-read';
import { href, Link } from '../../router';
import { mayWorkIncidents } from '../../session/session';
import { ContactReveal, withRevealed } from './contact-reveal';
import { IncidentActions } from './incident-actions';
import { ContactFacts, CustomerFacts, NextSteps } from './incident-facts';
import { IncidentHistory } from './incident-history';
import { IncidentOwner } from './incident-owner';
import { IncidentTranscript } from './incident-transcript';

type News = { kind: 'done'; action: IncidentAction } | { kind: 'stale'; by: string };

/** One incident: the customer's words and contact, its facts, the standard's next steps, its history and actions. */
export function IncidentPage({ id, me }: { id: string; me: Me }) {
  const { t, locale } = useI18n();
  const [news, setNews] = useState<News | null>(null);
  // What a recorded reveal answered: the contact stays shown while the page is open.
  const [revealed, setRevealed] = useState<IncidentDetail | null>(null);
  const now = useNow();
  // Read again in another language: the standard's tasks for the staff come in the console's.
  const read = useCallback(() => ok(api.GET('/api/v1/incidents/{id}', { params: { path: { id } } })), [id, locale]);
  // Whoever acted on it, wherever (a person, Slack, the SLA timer, the customer): it is read again.
  const { value: incident, setValue: setIncident, error } = useLiveRead(read, (change) => change.type === 'incident.changed' && change.id === id);
  useTitle(incident ? incidentName(incident) : t('incident.title'));

  const onDone = useCallback((next: IncidentDetail, action: IncidentAction) => {
    setIncident(next);
    setNews({ kind: 'done', action });
  }, [setIncident]);
  const onRevealed = useCallback((detail: IncidentDetail) => {
    setRevealed(detail);
    setIncident(detail);
  }, [setIncident]);
  const onStale = useCallback(async () => {
    const fresh = await read();
    setIncident(fresh);
    const last = fresh.history[fresh.history.length - 1];
    setNews({ kind: 'stale', by: last ? actorName(t, last.actor) : '' });
  }, [read, setIncident, t]);

  if (error) return <ApiErrorMessage error={error} own={{ 404: t('incident.notFound'), 400: t('incident.notFound') }} />;
  if (!incident) return <Loading label={t('app.loading')} />;
  return (
    <article className="page incident" aria-labelledby="incident-title">
      <p className="back">
        <Link to={href('/')}>← {t('incident.back')}</Link>
      </p>
      <header className="incident__head">
        <h1 id="incident-title">{incidentName(incident)}</h1>
        <IncidentStatus status={incident.status} />
        <IncidentPriority priority={incident.priority} />
        <SlaCountdown incident={incident} now={now} />
        <span className="muted">{t('incident.created', { at: formatMoment(incident.createdAt, locale) })}</span>
      </header>
      {news?.kind === 'done' && <Notice>{t('actions.done', { action: t(`history.${news.action}`) })}</Notice>}
      {news?.kind === 'stale' && <Notice>{t('actions.stale', { name: news.by })}</Notice>}
      <div className="incident__grid">
        <div className="incident__column">
          <section className="card incident__customer" aria-labelledby="customer-title">
            <h2 id="customer-title">{t('incident.customer')}</h2>
            <CustomerFacts incident={withRevealed(incident, revealed)} reveal={mayWorkIncidents(me) ? <ContactReveal incident={incident} onRevealed={onRevealed} /> : undefined} />
          </section>
          <section className="card incident__contact" aria-labelledby="contact-title">
            <h2 id="contact-title">{t('incident.contact')}</h2>
            <ContactFacts incident={incident} />
          </section>
          <section className="card incident__transcript" aria-labelledby="transcript-title">
            <h2 id="transcript-title">{t('incident.transcript')}</h2>
            <IncidentTranscript lines={withRevealed(incident, revealed).transcript} locale={incident.attributes.locale} />
          </section>
          <section className="card incident__history" aria-labelledby="history-title">
            <h2 id="history-title">{t('incident.history')}</h2>
            <IncidentHistory history={incident.history} />
          </section>
        </div>
        <div className="incident__column">
          <section className="card incident__owner" aria-labelledby="owner-title">
            <h2 id="owner-title">{t('incident.owner')}</h2>
            <IncidentOwner incident={incident} me={me} onChanged={setIncident} onStale={() => void onStale()} />
          </section>
          <section className="card incident__actions" aria-labelledby="actions-title">
            <h2 id="actions-title">{t('incident.actions')}</h2>
            {mayWorkIncidents(me) ? <IncidentActions incident={incident} onDone={onDone} onStale={() => void onStale()} /> : <p className="muted">{t('actions.readOnly')}</p>}
          </section>
          <section className="card incident__steps" aria-labelledby="steps-title">
            {/* A closed incident has nothing left to do: what the standard asked for stays as a record. */}
            <h2 id="steps-title">{t(incident.status === 'closed' ? 'incident.nextStepsClosed' : 'incident.nextSteps')}</h2>
            <NextSteps steps={incident.nextSteps} />
          </section>
        </div>
      </div>
    </article>
  );
}
