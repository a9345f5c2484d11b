import { performance } from 'node:perf_hooks';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ChangeFeedRepository } from './change-feed.repository';
import { FeedReader } from './feed-reader';
import { FeedWindow } from './feed-window';
import { FEED_TABLES, type FeedPosition, type FeedRow, type FeedTable, type LiveEvent, parsePosition, positionId } from './live-change';

const POLL_MS = 1_000;
/** Rows of each trail a poll reads at most; a full batch is followed by the next poll at once. */
const POLL_LIMIT = 500;
/** Rows of each trail a resuming stream is given at most; past that it is told to read everything again. */
const REPLAY_LIMIT = 500;
/** Rows of each trail a starting feed takes as read, so that one committing late among them is still delivered. */
const TAIL_LIMIT = 100;
/** How long a gap in a trail is waited for (a transaction still open) before its number is given up on. */
const GAP_TIMEOUT_MS = 10_000;

/** Receives the events of one subscriber, in order. */
export type LiveListener = (events: LiveEvent[]) => void;

interface Subscriber {
  reader: FeedReader;
  listener: LiveListener;
  /** Rows the feed read while the subscriber's replay was being read: delivered with it. */
  held?: FeedRow[];
}

/**
 * What changed in incidents and problems, read from the database so that a change made by any
 * process (an API call, Slack, the SLA timer, a customer's answer) reaches the streams of every
 * process. While anyone in this process listens, one query a second reads the audit rows
 * committed since, whatever the number of listeners; nobody listening, no query at all.
 */
@Injectable()
export class LiveChangeFeed implements OnApplicationShutdown {
  private readonly logger = new Logger('LiveChanges');
  private readonly subscribers = new Set<Subscriber>();
  private windows: Record<FeedTable, FeedWindow> | undefined;
  private lastSettled: FeedPosition = { incident: 0, problem: 0 };
  private starting: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<unknown> | undefined;
  private stopped = false;
  private failing = false;

  constructor(private readonly repository: ChangeFeedRepository) {}

  /**
   * Listens from now on, or, with `resumeFrom` (an event id a stream received), from there: what
   * changed since comes first. The first event is always `ready`; an id that cannot be resumed
   * from is followed by `resync`. Answers how to stop listening.
   */
  async subscribe(listener: LiveListener, resumeFrom?: string): Promise<() => void> {
    await this.start();
    const settled = this.settled();
    const wanted = parsePosition(resumeFrom);
    // A position past every row read (another database's, or made up) cannot be resumed from.
    const known = wanted && FEED_TABLES.every((table) => wanted[table] <= this.windows![table].latest) ? wanted : undefined;
    const subscriber: Subscriber = { reader: new FeedReader(known ?? settled), listener, held: known ? [] : undefined };
    this.subscribers.add(subscriber);
    const unsubscribe = () => void this.subscribers.delete(subscriber);
    if (!known) {
      const id = positionId(settled);
      listener(resumeFrom === undefined ? [{ id, change: { type: 'ready' } }] : [{ id, change: { type: 'ready' } }, { id, change: { type: 'resync' } }]);
      return unsubscribe;
    }
    try {
      listener(this.replay(subscriber, known, await this.repository.after(known, REPLAY_LIMIT)));
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.subscribers.clear();
    await this.polling;
  }

  private settled(): FeedPosition {
    if (this.windows) this.lastSettled = { incident: this.windows.incident.settled, problem: this.windows.problem.settled };
    return this.lastSettled;
  }

  private start(): Promise<void> {
    if (this.windows) return Promise.resolve();
    this.starting ??= this.prime().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async prime(): Promise<void> {
    const tail = await this.repository.tail(TAIL_LIMIT);
    const now = performance.now();
    const windowOf = (table: FeedTable) => {
      const seqs = tail.filter((row) => row.table === table).map((row) => row.seq);
      const window = new FeedWindow(seqs.length > 0 ? Math.min(...seqs) - 1 : 0, GAP_TIMEOUT_MS);
      for (const seq of seqs) window.take(seq, now);
      window.settle(now);
      return window;
    };
    this.windows = { incident: windowOf('incident'), problem: windowOf('problem') };
    this.schedule(POLL_MS);
  }

  private schedule(delayMs: number): void {
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    if (this.subscribers.size === 0) {
      this.windows = undefined; // nobody listens: the next subscriber starts the feed again
      return;
    }
    const round = this.poll().then(
      (full) => {
        if (this.failing) this.logger.log('Reading the change feed again');
        this.failing = false;
        return full;
      },
      (error: unknown) => {
        if (!this.failing) this.logger.warn(`Reading the change feed failed, trying again every second: ${(error as Error).message}`);
        this.failing = true;
        return false;
      },
    );
    this.polling = round;
    this.schedule((await round) ? 0 : POLL_MS);
  }

  /** One read of both trails; true when a trail filled its batch (more is waiting). */
  private async poll(): Promise<boolean> {
    const rows = await this.repository.after(this.settled(), POLL_LIMIT);
    const windows = this.windows;
    if (!windows) return false;
    const now = performance.now();
    const fresh = rows.filter((row) => windows[row.table].take(row.seq, now));
    windows.incident.settle(now);
    windows.problem.settle(now);
    const settled = this.settled();
    for (const subscriber of this.subscribers) this.deliver(subscriber, fresh, settled);
    return FEED_TABLES.some((table) => rows.filter((row) => row.table === table).length >= POLL_LIMIT);
  }

  private deliver(subscriber: Subscriber, rows: FeedRow[], settled: FeedPosition): void {
    if (subscriber.held) {
      subscriber.held.push(...rows);
      return;
    }
    if (rows.length === 0) return;
    const events = subscriber.reader.read(rows, settled);
    if (events.length === 0) return;
    try {
      subscriber.listener(events);
    } catch (error) {
      this.logger.warn(`A live listener failed: ${(error as Error).message}`);
    }
  }

  /** The first events of a resuming subscriber: what changed after its position, or `resync` when that is too much. */
  private replay(subscriber: Subscriber, from: FeedPosition, rows: FeedRow[]): LiveEvent[] {
    const held = subscriber.held ?? [];
    subscriber.held = undefined;
    const settled = this.settled();
    const first: LiveEvent[] = [{ id: positionId(from), change: { type: 'ready' } }];
    if (!FEED_TABLES.some((table) => rows.filter((row) => row.table === table).length >= REPLAY_LIMIT)) {
      return [...first, ...subscriber.reader.read([...rows, ...held], settled, { replay: true })];
    }
    subscriber.reader.moveTo(settled);
    return [...first, { id: positionId(subscriber.reader.at), change: { type: 'resync' } }, ...subscriber.reader.read(held, settled)];
  }
}
