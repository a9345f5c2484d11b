import { changeOf, type FeedPosition, type FeedRow, type LiveEvent, positionId } from './live-change';

const key = (row: FeedRow) => `${row.table}:${row.seq}`;

/**
 * One subscriber's place in the feed. It turns rows into events once each, one per incident or
 * problem per batch (the latest), and gives every event the position a reconnect may resume
 * from without losing a change: never past a row it has not delivered yet, never backwards.
 */
export class FeedReader {
  private position: FeedPosition;
  /** Rows a replay delivered above the position, which the live feed may bring again. */
  private readonly replayed = new Set<string>();

  constructor(start: FeedPosition) {
    this.position = { ...start };
  }

  /** Where the reader stands now. */
  get at(): FeedPosition {
    return { ...this.position };
  }

  /**
   * The events for a batch of rows: the rows found after an id (`replay`), or new ones the feed
   * read. `settled` is the feed's settled position: every row up to it was read by the feed, so
   * it was in this batch or an earlier one.
   */
  read(rows: FeedRow[], settled: FeedPosition, options: { replay?: boolean } = {}): LiveEvent[] {
    const before = this.position;
    const fresh = new Map<string, FeedRow>();
    for (const row of rows) if (row.seq > before[row.table] && !this.replayed.has(key(row))) fresh.set(key(row), row);
    const ordered = latestPerThing([...fresh.values()].sort(inTrailOrder));
    // Incidents come first: while they are sent, the problem trail stays where it was.
    const events = ordered.map((row) => ({
      id: positionId(
        row.table === 'incident'
          ? { incident: Math.max(before.incident, Math.min(row.seq, settled.incident)), problem: before.problem }
          : { incident: Math.max(before.incident, settled.incident), problem: Math.max(before.problem, Math.min(row.seq, settled.problem)) },
      ),
      change: changeOf(row),
    }));
    this.moveTo(settled);
    if (options.replay) for (const row of fresh.values()) if (row.seq > this.position[row.table]) this.replayed.add(key(row));
    return events;
  }

  /** Moves the reader to `settled` without events (the reader reads everything again instead). */
  moveTo(settled: FeedPosition): void {
    this.position = { incident: Math.max(this.position.incident, settled.incident), problem: Math.max(this.position.problem, settled.problem) };
    for (const replayed of this.replayed) {
      const [table, seq] = replayed.split(':') as [keyof FeedPosition, string];
      if (Number(seq) <= this.position[table]) this.replayed.delete(replayed);
    }
  }
}

function inTrailOrder(a: FeedRow, b: FeedRow): number {
  return a.table === b.table ? a.seq - b.seq : a.table === 'incident' ? -1 : 1;
}

/** The last row of each incident and problem, in their order: one event says it changed, with its state now. */
function latestPerThing(rows: FeedRow[]): FeedRow[] {
  const last = new Map<string, number>();
  rows.forEach((row, i) => last.set(`${row.table}:${row.id}`, i));
  return rows.filter((row, i) => last.get(`${row.table}:${row.id}`) === i);
}
