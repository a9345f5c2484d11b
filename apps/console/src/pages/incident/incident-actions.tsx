import { type FormEvent, useCallback, useState } from 'react';
import { api } from '../../api/client';
import { ApiError, ok } from '../../api/errors';
import type { IncidentAction, IncidentDetail } from '../../api/types';
import { ApiErrorMessage, apiFieldError, useAction } from '../../components/api-error';
import { TextAreaField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';

// Resolving and rejecting need words (and resolving a verdict); the rest act on one press.
const WITH_NOTE: readonly IncidentAction[] = ['resolve', 'reject'];

interface Props {
  incident: IncidentDetail;
  /** The incident as the action left it. */
  onDone: (next: IncidentDetail, action: IncidentAction) => void;
  /** Someone changed it since it was read (412): read it again. */
  onStale: () => void;
}

/** The actions the incident's state allows, sent with `If-Match` so a stale page changes nothing. */
export function IncidentActions({ incident, onDone, onStale }: Props) {
  const { t } = useI18n();
  const [chosen, setOpen] = useState<IncidentAction | null>(null);
  // A form stays open (with what was typed) across a reload, while its action is still allowed.
  const open = chosen !== null && incident.allowedActions.includes(chosen) ? chosen : null;
  const [note, setNote] = useState('');
  const [justified, setJustified] = useState<boolean | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});

  const send = useCallback(
    async (action: IncidentAction, body: { note?: string; justified?: boolean } = {}) => {
      try {
        const next = await ok(
          api.POST('/api/v1/incidents/{id}/transitions', {
            params: { path: { id: incident.id }, header: { 'if-match': `"${incident.version}"` } },
            body: { action, ...body },
          }),
        );
        setOpen(null);
        setNote('');
        setJustified(null);
        onDone(next, action);
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) onStale();
        else throw error;
      }
    },
    [incident.id, incident.version, onDone, onStale],
  );
  const { busy, error, run } = useAction(send);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (open === null) return;
    const problems: Record<string, string> = {};
    if (note.trim() === '') problems.note = t('field.required');
    if (open === 'resolve' && justified === null) problems.justified = t('field.chooseOne');
    setLocal(problems);
    if (Object.keys(problems).length === 0) void run(open, { note: note.trim(), ...(open === 'resolve' ? { justified: justified! } : {}) });
  };
  const fieldError = (field: string) => (local[field] ? { text: local[field] } : apiFieldError(error, field));

  if (incident.allowedActions.length === 0) return <p className="muted">{t('actions.none')}</p>;
  return (
    <div className="actions">
      <ApiErrorMessage error={error} fields={open ? ['note', 'justified'] : []} own={{ 409: t('actions.notAllowed') }} />
      <div className="actions__buttons">
        {incident.allowedActions.map((action) => (
          <button
            key={action}
            type="button"
            className={action === incident.allowedActions[0] ? 'button button--primary' : 'button'}
            aria-expanded={WITH_NOTE.includes(action) ? open === action : undefined}
            disabled={busy}
            onClick={() => (WITH_NOTE.includes(action) ? setOpen(open === action ? null : action) : void run(action))}
          >
            {t(`action.${action}`)}
          </button>
        ))}
      </div>
      {open && (
        <form className="form actions__form" onSubmit={submit} noValidate>
          <TextAreaField label={open === 'resolve' ? t('actions.resolveNote') : t('actions.rejectNote')} name="note" value={note} onChange={(e) => setNote(e.target.value)} error={fieldError('note')} maxLength={2000} />
          {open === 'resolve' && <JustifiedChoice value={justified} onChange={setJustified} error={fieldError('justified')?.text} />}
          <div className="actions__buttons">
            <button type="submit" className="button button--primary" disabled={busy}>
              {t(`action.${open}`)}
            </button>
            <button type="button" className="button" onClick={() => setOpen(null)}>
              {t('actions.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function JustifiedChoice({ value, onChange, error }: { value: boolean | null; onChange: (value: boolean) => void; error?: string }) {
  const { t } = useI18n();
  return (
    <fieldset className="choice" aria-describedby={error ? 'justified-error' : undefined}>
      <legend className="field__label">{t('actions.justified')}</legend>
      {[true, false].map((option) => (
        <label key={String(option)} className="choice__option">
          <input type="radio" name="justified" checked={value === option} onChange={() => onChange(option)} />
          {option ? t('actions.justifiedYes') : t('actions.justifiedNo')}
        </label>
      ))}
      {error && (
        <p className="field__error" id="justified-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
