import type { HistoryEntry } from '../../api/types';
import { formatMoment } from '../../format';
import { type Translate, useI18n } from '../../i18n/i18n';

/** Who did something, in words: a person or key by name, the customer, or Turbota itself. */
export function actorName(t: Translate, actor: HistoryEntry['actor']): string {
  if (actor.kind === 'customer') return t('actor.customer');
  if (actor.kind === 'system') return 'Turbota';
  return actor.name ?? actor.id;
}

/** What a history entry did, in words; an assignment names its person. */
function whatHappened(t: Translate, entry: HistoryEntry): string {
  if (entry.owner && entry.action === 'assign') return t('history.assignTo', { name: entry.owner.name });
  if (entry.owner && entry.action === 'unassign') return t('history.unassignFrom', { name: entry.owner.name });
  return t(`history.${entry.action}`);
}

/** The incident's history, oldest first: what happened, who did it, from which state to which. */
export function IncidentHistory({ history }: { history: HistoryEntry[] }) {
  const { t, locale } = useI18n();
  return (
    <ol className="history">
      {history.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className="history__entry">
          <p className="history__line">
            <strong>{whatHappened(t, entry)}</strong>
            {' · '}
            <span>{actorName(t, entry.actor)}</span>
            {entry.from !== null && entry.from !== entry.to && (
              <span className="muted">
                {' · '}
                {t(`status.${entry.from}`)} → {t(`status.${entry.to}`)}
              </span>
            )}
          </p>
          <p className="history__time muted">
            <time dateTime={entry.at}>{formatMoment(entry.at, locale)}</time>
          </p>
          {entry.note && <p className="history__note">{entry.note}</p>}
        </li>
      ))}
    </ol>
  );
}
