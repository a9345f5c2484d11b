import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { asApiError, ok } from '../../api/errors';
import type { Me, ProblemAction, ProblemDetail } from '../../api/types';
import { Loading, Notice } from '../../components/alerts';
import { ApiErrorMessage } from '../../components/api-error';
import { actorName } from '../../components/history-timeline';
import { formatMoment } from '../../format';
import { useI18n, useTitle } from '../../i18n/i18n';
import { useLiveRead } from '../../live/use-live-read';
import { href, Link } from '../../router';
import { mayWorkIncidents } from '../../session/session';
import { ProblemActions } from './problem-actions';
import { ProblemFacts, ProblemIncidents } from './problem-facts';
import { ProblemHistory } from './problem-history';
import { problemName, ProblemStatus, ProblemWhere } from './problem-table';
import './problems.css';

type News = { kind: 'done'; action: ProblemAction } | { kind: 'stale'; by: string };

/** One problem: what it is, its incidents, its history, and the moves supervisors and admins may make. */
export function ProblemPage({ id, me }: { id: string; me: Me }) {
  const { t, locale } = useI18n();
  const [news, setNews] = useState<News | null>(null);
  const read = useCallback(() => ok(api.GET('/api/v1/problems/{id}', { params: { path: { id } } })), [id]);
  // Whoever moved it, an incident joining it, or one of its incidents changing: it is read again.
  const {
    value: problem,
    setValue: setProblem,
    error,
    setError,
  } = useLiveRead(read, (change, shown) => (change.type === 'problem.changed' && change.id === id) || (change.type === 'incident.changed' && !!shown?.incidents.some((incident) => incident.id === change.id)));
  useTitle(problem ? problemName(problem) : t('problem.title'));

  const onDone = useCallback((next: ProblemDetail, action: ProblemAction) => {
    setProblem(next);
    setNews({ kind: 'done', action });
  }, [setProblem]);
  const onStale = useCallback(async () => {
    try {
      const fresh = await read();
      setProblem(fresh);
      const last = fresh.history.at(-1);
      setNews({ kind: 'stale', by: last ? actorName(t, last.actor) : '' });
    } catch (caught) {
      setError(asApiError(caught));
    }
  }, [read, setError, setProblem, t]);

  if (error) return <ApiErrorMessage error={error} own={{ 404: t('problem.notFound'), 400: t('problem.notFound') }} />;
  if (!problem) return <Loading label={t('app.loading')} />;
  return (
    <article className="page problem" aria-labelledby="problem-title">
      <p className="back">
        <Link to={href('/problems')}>← {t('problem.back')}</Link>
      </p>
      <header className="problem__head">
        <h1 id="problem-title">{problemName(problem)}</h1>
        <ProblemStatus status={problem.status} />
        <span>
          <strong>{problem.reasonCode}</strong> · <ProblemWhere problem={problem} />
        </span>
        <span className="muted">{t('problem.detected', { at: formatMoment(problem.createdAt, locale) })}</span>
      </header>
      {news?.kind === 'done' && <Notice>{t('problem.done', { action: t(`problemHistory.${news.action}`) })}</Notice>}
      {news?.kind === 'stale' && <Notice>{t('problem.stale', { name: news.by })}</Notice>}
      <div className="problem__grid">
        <section className="card problem__what" aria-labelledby="what-title">
          <h2 id="what-title">{t('problem.what')}</h2>
          <ProblemFacts problem={problem} />
        </section>
        <section className="card problem__actions" aria-labelledby="actions-title">
          <h2 id="actions-title">{t('problem.actions')}</h2>
          {mayWorkIncidents(me) ? <ProblemActions problem={problem} onDone={onDone} onStale={() => void onStale()} /> : <p className="muted">{t('problem.readOnly')}</p>}
        </section>
        <section className="card problem__incidents" aria-labelledby="incidents-title">
          <h2 id="incidents-title">{t('problem.incidents')}</h2>
          <ProblemIncidents incidents={problem.incidents} />
        </section>
        <section className="card problem__history" aria-labelledby="history-title">
          <h2 id="history-title">{t('problem.history')}</h2>
          <ProblemHistory problem={problem} />
        </section>
      </div>
    </article>
  );
}
