import type { ReactNode } from 'react';
import type { components } from '../api/schema';
import { formatMoment } from '../format';
import { type Translate, useI18n } from '../i18n/i18n';

type Actor = components['schemas']['Actor'];

/** What every step of a history has: when, who, the status it moved from and to, and the note given. */
export interface TimelineEntry {
  at: string;
  actor: Actor;
  from: string | null;
  to: string;
  note: string | null;
}

/** Who did something, in words: a person or key by name, the customer, or Turbota itself. */
export function actorName(t: Translate, actor: Actor): string {
  if (actor.kind === 'customer') return t('actor.customer');
  if (actor.kind === 'system') return 'Turbota';
  return actor.name ?? actor.id;
}

/**
 * A history, oldest first: what happened (`what`, with whatever it links to), who did it, from
 * which status to which (`status` names one), when, and the note written with it.
 */
export function HistoryTimeline<Entry extends TimelineEntry>({
  entries,
  what,
  status,
}: {
  entries: Entry[];
  what: (entry: Entry) => ReactNode;
  status: (status: Entry['to']) => string;
}) {
  const { t, locale } = useI18n();
  return (
    <ol className="history">
      {entries.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className="history__entry">
          <p className="history__line">
            {what(entry)}
            {' · '}
            <span>{actorName(t, entry.actor)}</span>
            {entry.from !== null && entry.from !== entry.to && (
              <span className="muted">
                {' · '}
                {/* `from` is one of the statuses `to` may be. */}
                {status(entry.from as Entry['to'])} → {status(entry.to)}
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
