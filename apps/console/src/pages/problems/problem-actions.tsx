import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { ApiError, ok } from '../../api/errors';
import type { ProblemAction, ProblemDetail } from '../../api/types';
import { ApiErrorMessage, apiFieldError, useAction } from '../../components/api-error';
import { TextAreaField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';

interface Props {
  problem: ProblemDetail;
  /** The problem as the action left it. */
  onDone: (next: ProblemDetail, action: ProblemAction) => void;
  /** Someone changed it since it was read (412): read it again. */
  onStale: () => void;
}

/** The moves the problem's status allows, with an optional note, sent with `If-Match` so a stale page changes nothing. */
export function ProblemActions({ problem, onDone, onStale }: Props) {
  const { t } = useI18n();
  const [note, setNote] = useState('');

  const send = useCallback(
    async (action: ProblemAction) => {
      try {
        const next = await ok(
          api.POST('/api/v1/problems/{id}/transitions', {
            params: { path: { id: problem.id }, header: { 'if-match': `"${problem.version}"` } },
            body: { action, ...(note.trim() ? { note: note.trim() } : {}) },
          }),
        );
        setNote('');
        onDone(next, action);
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) onStale();
        else throw error;
      }
    },
    [problem.id, problem.version, note, onDone, onStale],
  );
  const { busy, error, run } = useAction(send);

  if (problem.allowedActions.length === 0) return <p className="muted">{t('problem.none')}</p>;
  return (
    <div className="actions">
      <ApiErrorMessage error={error} fields={['note']} own={{ 409: t('problem.notAllowed') }} />
      <TextAreaField label={t('problem.note')} hint={t('problem.noteHint')} name="note" value={note} onChange={(e) => setNote(e.target.value)} error={apiFieldError(error, 'note')} maxLength={2000} rows={3} />
      <div className="actions__buttons">
        {problem.allowedActions.map((action, index) => (
          <button key={action} type="button" className={index === 0 ? 'button button--primary' : 'button'} disabled={busy} onClick={() => void run(action)}>
            {t(`problemAction.${action}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
