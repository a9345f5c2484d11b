import { changedEvents } from './draft';
import type { EventSteps, StandardEvent, StandardEvents, TextLocale } from './types';

/** One row's texts: per language, its lines (a task's one text, or an action's variants). */
export type RowTexts = Record<TextLocale, string[]>;

/** A task or an action as it was and as it is; one side is missing when it was added or removed. */
export interface DiffRow {
  kind: 'task' | 'action';
  /** The task's place (1-based) or the action's code. */
  name: string;
  before?: RowTexts;
  after?: RowTexts;
  change: 'added' | 'removed' | 'changed';
}

/** An event that differs, with the rows that differ. */
export interface EventDiff {
  event: StandardEvent;
  rows: DiffRow[];
}

const taskTexts = (task: Record<TextLocale, string>): RowTexts => ({ uk: [task.uk], ru: [task.ru], en: [task.en] });

function row(kind: DiffRow['kind'], name: string, before?: RowTexts, after?: RowTexts): DiffRow[] {
  if (before && after) return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ kind, name, before, after, change: 'changed' }];
  return [{ kind, name, before, after, change: before ? 'removed' : 'added' }];
}

/** Tasks side by side by their place, actions by their code (a renamed code reads as removed and added). */
function stepsDiff(before: EventSteps, after: EventSteps): DiffRow[] {
  const tasks = Array.from({ length: Math.max(before.tasks.length, after.tasks.length) }, (_, i) =>
    row('task', String(i + 1), before.tasks[i] && taskTexts(before.tasks[i]), after.tasks[i] && taskTexts(after.tasks[i])),
  ).flat();
  const codes = [...new Set([...after.actions, ...before.actions].map((action) => action.code))];
  const actions = codes.flatMap((code) => row('action', code, before.actions.find((a) => a.code === code)?.phrases, after.actions.find((a) => a.code === code)?.phrases));
  return [...tasks, ...actions];
}

/** What changed from one table to another, event by event, in the table's order. */
export function standardDiff(before: StandardEvents, after: StandardEvents): EventDiff[] {
  return changedEvents(before, after).map((event) => ({ event, rows: stepsDiff(before[event], after[event]) }));
}
