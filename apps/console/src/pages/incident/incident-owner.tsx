import { type FormEvent, useCallback, useState } from 'react';
import { api } from '../../api/client';
import { ApiError, ok } from '../../api/errors';
import type { IncidentDetail, Me } from '../../api/types';
import { Notice } from '../../components/alerts';
import { ApiErrorMessage, useAction } from '../../components/api-error';
import { SelectField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { mayWorkIncidents } from '../../session/session';
import { useAssignable } from './assignable';

// The select's value for "nobody owns it".
const NOBODY = '';

interface Props {
  incident: IncidentDetail;
  me: Me;
  /** The incident as the assignment left it. */
  onChanged: (next: IncidentDetail) => void;
  /** Someone changed it since it was read (412): read it again. */
  onStale: () => void;
}

/** Who owns the incident; supervisors and admins take it, or give it to someone else or to nobody, with `If-Match`. */
export function IncidentOwner({ incident, me, onChanged, onStale }: Props) {
  const { t } = useI18n();
  const owner = incident.owner;
  const mine = owner !== null && me.kind === 'person' && owner.id === me.id;
  return (
    <>
      <p className="owner__name">{owner === null ? <span className="muted">{t('owner.nobodyYet')}</span> : mine ? t('owner.you', { name: owner.name }) : owner.name}</p>
      {mayWorkIncidents(me) && <OwnerForm incident={incident} me={me} mine={mine} onChanged={onChanged} onStale={onStale} />}
    </>
  );
}

/** Sends an owner with `If-Match`; a stale page reads the incident again, a refusal lands in `error`. */
function useAssign({ incident, onChanged, onStale }: Pick<Props, 'incident' | 'onChanged' | 'onStale'>) {
  const { t } = useI18n();
  const [done, setDone] = useState<string | null>(null);
  const send = useCallback(
    async (body: { me: true } | { personId: string | null }) => {
      setDone(null);
      try {
        const next = await ok(
          api.POST('/api/v1/incidents/{id}/owner', { params: { path: { id: incident.id }, header: { 'if-match': `"${incident.version}"` } }, body }),
        );
        setDone(next.owner ? t('owner.done', { name: next.owner.name }) : t('owner.cleared'));
        onChanged(next);
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) onStale();
        else throw error;
      }
    },
    [incident.id, incident.version, onChanged, onStale, t],
  );
  return { done, ...useAction(send) };
}

function OwnerForm({ incident, me, mine, onChanged, onStale }: Props & { mine: boolean }) {
  const { t } = useI18n();
  const { people, error: listError } = useAssignable();
  const current = incident.owner?.id ?? NOBODY;
  const [chosen, setChosen] = useState(current);
  // Whoever changed the owner (here, or another person as the page follows along), the choice starts from it.
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setChosen(current);
  }
  const { done, busy, error, run } = useAssign({ incident, onChanged, onStale });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run({ personId: chosen === NOBODY ? null : chosen });
  };

  return (
    <div className="owner">
      {done && <Notice>{done}</Notice>}
      <ApiErrorMessage error={error ?? listError} own={{ 409: t('owner.notAssignable') }} />
      {me.kind === 'person' && !mine && (
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void run({ me: true })}>
          {t('owner.assignToMe')}
        </button>
      )}
      <form className="owner__form" onSubmit={submit}>
        <SelectField label={t('owner.giveTo')} name="owner" value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={people === null}>
          <option value={NOBODY}>{t('owner.nobody')}</option>
          {(people ?? []).map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button" disabled={busy || people === null || chosen === current}>
          {t('owner.assign')}
        </button>
      </form>
    </div>
  );
}
