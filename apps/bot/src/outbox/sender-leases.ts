import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '@nestjs/common';

/**
 * How long a channel's lease lasts unrenewed: when its holder crashes, the channel's messages
 * wait at most this long (plus a second) before another process sends them.
 */
export const SENDER_LEASE_MS = 10_000;
/** How often the holder renews its leases and the other processes try to take them. */
export const LEASE_CHECK_MS = 1_000;
/**
 * The holder stops claiming this long before its lease may end, so that the platform has
 * counted its last sends in a past second before another process can start.
 */
export const LEASE_MARGIN_MS = 2_000;
/** A released lease is free after this: the next holder's first second follows the last sends' second. */
export const HANDOVER_MS = 1_000;

/** Where the leases are kept (the `outbox_sender_lease` table). */
export interface LeaseStore {
  hold(holder: string, channels: string[], leaseMs: number): Promise<string[]>;
  release(holder: string, channels: string[], freeInMs: number): Promise<void>;
}

/** How a holder of leases is made: its clock, and how the log names what a lease lets it do. */
export interface LeaseOptions {
  now?: () => number;
  /** What holding the lease of `key` lets a process do, after "This process now" (unset: "sends for <key>"). */
  doing?: (key: string) => string;
}

/**
 * This process's leases on sending for channels (and on Telegram's `getUpdates`, under a key of
 * its own: one poller per bot, see `TelegramPoller`). A platform counts its send limit per bot,
 * not per process, so one process at a time sends for a channel: it keeps one send window and
 * honours every 429 for all. The lease is counted from before the request that took it, so
 * this process believes it holds a lease no longer than the database does.
 */
export class SenderLeases {
  /** This process among the others: host name, process id, and a suffix for two senders in one process. */
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly heldUntil = new Map<string, number>();
  private checkedAt = -Infinity;
  private readonly now: () => number;
  private readonly doing: (key: string) => string;

  constructor(
    private readonly store: LeaseStore,
    private readonly logger: Logger,
    options: LeaseOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.doing = options.doing ?? ((channel) => `sends for ${channel}`);
  }

  /** The channels this process may claim for now; takes or renews the leases at most once a check interval. */
  async held(channels: string[]): Promise<Set<string>> {
    const asked = this.now();
    if (asked - this.checkedAt >= LEASE_CHECK_MS) {
      this.checkedAt = asked;
      this.update(channels, new Set(await this.store.hold(this.holder, channels, SENDER_LEASE_MS)), asked);
    }
    return this.known(channels);
  }

  /**
   * The channels this process may claim for now by the leases it last took, without asking the
   * store: what a caller goes by while the database is away (a lease it cannot renew runs out).
   */
  known(channels: string[]): Set<string> {
    const now = this.now();
    return new Set(channels.filter((channel) => (this.heldUntil.get(channel) ?? 0) - LEASE_MARGIN_MS > now));
  }

  /** Gives every lease back (at shutdown, once the last sends are recorded), free after the handover second. */
  async release(): Promise<void> {
    const channels = [...this.heldUntil.keys()];
    this.heldUntil.clear();
    if (channels.length > 0) await this.store.release(this.holder, channels, HANDOVER_MS);
  }

  private update(channels: string[], got: Set<string>, asked: number): void {
    for (const channel of channels) {
      const had = this.heldUntil.has(channel);
      if (got.has(channel)) this.heldUntil.set(channel, asked + SENDER_LEASE_MS);
      else this.heldUntil.delete(channel);
      if (had !== got.has(channel)) this.logger.log(`${got.has(channel) ? 'This' : 'Another'} process now ${this.doing(channel)}`);
    }
  }
}

/**
 * The lease of a task one process runs at a time (Telegram's long poll, Slack's socket), kept
 * from start to stop: taken or renewed once a check interval; while the store is away, the
 * lease last taken still counts until it may end (said once an outage). After every check
 * `onCheck` learns whether this process holds it, to start or stop its task.
 */
export class SoleLease {
  private readonly leases: SenderLeases;
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;
  private renewalFailing = false;
  private stopped = false;

  constructor(
    store: LeaseStore,
    private readonly key: string,
    private readonly logger: Logger,
    private readonly task: { doing: string; onCheck: (held: boolean) => unknown },
  ) {
    this.leases = new SenderLeases(store, logger, { doing: () => task.doing });
  }

  start(): void {
    this.timer = setInterval(() => this.check(), LEASE_CHECK_MS);
    this.check();
  }

  /** Stops checking, once a check under way has ended; the lease stays held until `release`. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.checking;
  }

  /** Gives the lease back (once the task has stopped), for another process after the handover second. */
  async release(): Promise<void> {
    await this.leases.release().catch((error: unknown) => {
      this.logger.warn(`Releasing the lease ${this.key} failed; another process takes it once it ends: ${(error as Error).message}`);
    });
  }

  private check(): void {
    if (this.checking || this.stopped) return;
    this.checking = this.leases
      .held([this.key])
      .then((held) => {
        this.renewalFailing = false;
        return held;
      })
      .catch((error: unknown) => {
        if (!this.renewalFailing) this.logger.warn(`The lease ${this.key} could not be renewed: ${(error as Error).message}`);
        this.renewalFailing = true;
        return this.leases.known([this.key]);
      })
      .then(async (held) => {
        if (!this.stopped) await this.task.onCheck(held.has(this.key));
      })
      .finally(() => (this.checking = undefined));
  }
}
