/** The audit trails whose rows make the change feed: every change of an incident or a problem writes one. */
export const FEED_TABLES = ['incident', 'problem'] as const;
export type FeedTable = (typeof FEED_TABLES)[number];

/**
 * How far a reader has come in each trail: every row numbered up to these was delivered to it
 * (or given up on, see `FeedWindow`). Written `<incident>.<problem>` as an event stream's id.
 */
export type FeedPosition = Record<FeedTable, number>;

/** One audit row as the feed reads it: its trail and number, what it changed, and that thing's state now. */
export interface FeedRow {
  table: FeedTable;
  seq: number;
  id: string;
  status: string;
  version: number;
}

/**
 * What a live stream says. `ready` opens it; `resync` asks for everything to be read again (too
 * much changed since the id it resumed from); the others name what changed and its state now.
 * Never a customer's contact or words: a change is read again through the API, as the role may.
 */
export type LiveChange =
  | { type: 'ready' }
  | { type: 'resync' }
  | { type: 'incident.changed'; id: string; status: string; version: number }
  | { type: 'problem.changed'; id: string; status: string; version: number };

/** A change with the position to resume from once it is received. */
export interface LiveEvent {
  id: string;
  change: LiveChange;
}

/** The id an event stream sends for a position. */
export function positionId(position: FeedPosition): string {
  return `${position.incident}.${position.problem}`;
}

/** The position an id names (as a reconnecting stream sends it back), or undefined when it is none of ours. */
export function parsePosition(id: string | undefined): FeedPosition | undefined {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(id ?? '');
  return match ? { incident: Number(match[1]), problem: Number(match[2]) } : undefined;
}

/** The event a row becomes. */
export function changeOf(row: FeedRow): LiveChange {
  return { type: row.table === 'incident' ? 'incident.changed' : 'problem.changed', id: row.id, status: row.status, version: row.version };
}
