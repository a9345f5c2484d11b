import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../../../api/client';
import { type ApiError, asApiError, ok } from '../../../api/errors';
import { ErrorMessage, Loading, Notice } from '../../../components/alerts';
import { ApiErrorMessage } from '../../../components/api-error';
import { formatMoment } from '../../../format';
import { useI18n, useTitle } from '../../../i18n/i18n';
import { emptyFields, sameSteps, shownFields, withSteps } from './draft';
import { EventEditor } from './event-editor';
import { StandardDiff } from './standard-diff';
import type { StandardEvent, StandardEvents, StandardVersion } from './types';
import './standard.css';

/** What the last publish said, beside the form. */
type Outcome = { kind: 'published' | 'unchanged' | 'stale'; version: number } | { kind: 'fix' };

/** Asks before leaving the page (a reload, a closed tab) with edits not yet published. */
function useLeaveGuard(active: boolean) {
  useEffect(() => {
    if (!active) return undefined;
    const guard = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [active]);
}

/**
 * The service standard as an editor: every event with its tasks and actions, the three languages
 * side by side; publishing makes a new version (refused with the problems at their fields, or when
 * someone published first), and any two versions, or the edits, can be compared.
 */
export function StandardPage() {
  const { t, locale } = useI18n();
  useTitle(t('standard.title'));
  const [published, setPublished] = useState<StandardVersion | null>(null);
  const [draft, setDraft] = useState<StandardEvents | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [comparing, setComparing] = useState(false);

  const load = useCallback(async () => {
    const found = await ok(api.GET('/api/v1/standard'));
    setPublished(found);
    return found;
  }, []);
  useEffect(() => {
    load().then((found) => setDraft(found.events), (caught: unknown) => setLoadError(asApiError(caught)));
  }, [load]);

  const events = draft ? (Object.keys(draft) as StandardEvent[]) : [];
  const edited = useMemo(() => new Set(events.filter((event) => published && draft && !sameSteps(published.events[event], draft[event]))), [events, published, draft]);
  const empty = useMemo(() => new Set(tried && draft ? emptyFields(draft) : []), [tried, draft]);
  useLeaveGuard(edited.size > 0);

  if (loadError) return <ApiErrorMessage error={loadError} />;
  if (!published || !draft) return <Loading label={t('app.loading')} />;

  const problems = { error, empty };
  const flagged = (event: StandardEvent) => {
    const prefix = `events.${event}.`;
    return [...empty].some((field) => field.startsWith(prefix)) || (error?.fieldProblems ?? []).some(({ field }) => field.startsWith(prefix));
  };

  const publish = async () => {
    setOutcome(null);
    setError(null);
    setTried(true);
    if (emptyFields(draft).length > 0) return setOutcome({ kind: 'fix' });
    setBusy(true);
    try {
      const header = { 'if-match': `"${published.version}"` };
      const saved = await ok(api.PUT('/api/v1/standard', { params: { header }, body: { events: draft } }));
      setOutcome({ kind: saved.version === published.version ? 'unchanged' : 'published', version: saved.version });
      setPublished(saved);
      setDraft(saved.events);
      setTried(false);
    } catch (caught) {
      const refusal = asApiError(caught);
      if (refusal.status === 412) setOutcome({ kind: 'stale', version: (await load()).version });
      else setError(refusal);
      if (refusal.status === 400) setOutcome({ kind: 'fix' });
    } finally {
      setBusy(false);
    }
  };

  const discard = () => {
    setDraft(published.events);
    setError(null);
    setTried(false);
    setOutcome(null);
  };

  return (
    <div className="standard">
      <h1>{t('standard.title')}</h1>
      <p className="standard__lead">{t('standard.lead')}</p>
      <p className="field__hint">{t('standard.current', { version: published.version, when: formatMoment(published.createdAt, locale), by: published.createdBy })}</p>
      <div className="standard__bar">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void publish()}>
          {busy ? t('standard.publishing') : t('standard.publish')}
        </button>
        {edited.size > 0 && (
          <button type="button" className="button" onClick={discard}>
            {t('standard.discard')}
          </button>
        )}
        <button type="button" className="button button--quiet" aria-expanded={comparing} onClick={() => setComparing(!comparing)}>
          {t('standard.compare')}
        </button>
      </div>
      <div aria-live="polite">
        {(outcome?.kind === 'published' || outcome?.kind === 'unchanged') && <Notice>{t(`standard.${outcome.kind}`, { version: outcome.version })}</Notice>}
        {outcome?.kind === 'stale' && (
          <p className="message message--info" role="status">
            {t('standard.stale', { version: outcome.version })}
          </p>
        )}
        {outcome?.kind === 'fix' && (
          <ErrorMessage>
            <p>{t('standard.fixFields')}</p>
          </ErrorMessage>
        )}
      </div>
      <ApiErrorMessage error={error} fields={shownFields(draft)} />
      {comparing && <StandardDiff key={published.version} latest={published.version} draft={edited.size > 0 ? draft : undefined} />}
      {events.map((event) => (
        <EventEditor key={event} event={event} steps={draft[event]} edited={edited.has(event)} flagged={flagged(event)} problems={problems} onChange={(steps) => setDraft(withSteps(draft, event, steps))} />
      ))}
    </div>
  );
}
