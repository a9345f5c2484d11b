import type { HistoryEntry } from '../../api/types';
import { HistoryTimeline } from '../../components/history-timeline';
import { type Translate, useI18n } from '../../i18n/i18n';

/** What a history entry did, in words; an assignment names its person. */
function whatHappened(t: Translate, entry: HistoryEntry): string {
  if (entry.owner && entry.action === 'assign') return t('history.assignTo', { name: entry.owner.name });
  if (entry.owner && entry.action === 'unassign') return t('history.unassignFrom', { name: entry.owner.name });
  return t(`history.${entry.action}`);
}

/** The incident's history, oldest first: what happened, who did it, from which state to which. */
export function IncidentHistory({ history }: { history: HistoryEntry[] }) {
  const { t } = useI18n();
  return <HistoryTimeline entries={history} what={(entry) => <strong>{whatHappened(t, entry)}</strong>} status={(status) => t(`status.${status}`)} />;
}
