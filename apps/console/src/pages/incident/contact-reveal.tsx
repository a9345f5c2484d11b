import { useCallback } from 'react';
import { api } from '../../api/client';
import { ok } from '../../api/errors';
import type { IncidentDetail } from '../../api/types';
import { ApiErrorMessage, useAction } from '../../components/api-error';
import { useI18n } from '../../i18n/i18n';

/**
 * The incident as shown after a reveal: the contact in the clear, and the transcript with it
 * while no line has been added since (a reload reads both masked, as for everyone).
 */
export function withRevealed(incident: IncidentDetail, revealed: IncidentDetail | null): IncidentDetail {
  if (revealed === null || revealed.id !== incident.id) return incident;
  const transcript = revealed.transcript.length === incident.transcript.length ? revealed.transcript : incident.transcript;
  return { ...incident, contact: revealed.contact, transcript };
}

/** Asks for the customer's contact in the clear; the API records in the history who saw it. */
export function ContactReveal({ incident, onRevealed }: { incident: IncidentDetail; onRevealed: (revealed: IncidentDetail) => void }) {
  const { t } = useI18n();
  const reveal = useCallback(async () => {
    onRevealed(await ok(api.POST('/api/v1/incidents/{id}/contact-reveal', { params: { path: { id: incident.id } } })));
  }, [incident.id, onRevealed]);
  const { busy, error, run } = useAction(reveal);
  return (
    <div className="reveal">
      <p className="muted">{t('incident.maskedReveal')}</p>
      <ApiErrorMessage error={error} />
      <button type="button" className="button" disabled={busy} onClick={() => void run()}>
        {t('incident.reveal')}
      </button>
    </div>
  );
}
