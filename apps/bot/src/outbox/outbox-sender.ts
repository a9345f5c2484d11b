import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { type ChannelAdapter, CHANNEL_ADAPTERS, type ChannelAdapters } from '../channels/channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError } from '../channels/send-errors';
import { type ClaimedMessage, OutboxRepository } from './outbox.repository';
import { SendWindow } from './send-window';

/**
 * How long a claimed message is held before another process may try it: longer than a send
 * may take (adapters time out sooner), short enough that a crash delays a reply only briefly.
 */
export const LEASE_MS = 15_000;
const MAX_ATTEMPTS = 12;
const BUSY_TICK_MS = 50;
const IDLE_TICK_MS = 400;
const CREDENTIALS_PAUSE_MS = 60_000;

/** Exponential back-off for temporary failures: 1 s, 2 s, 4 s ... at most 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 300_000);
}

/**
 * Delivers the outbox: for each channel that is on, claims what its rate limits allow, sends
 * outside any transaction, and records the outcome by what the error says to do.
 */
@Injectable()
export class OutboxSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly windows = new Map<string, SendWindow>();
  private readonly pausedUntil = new Map<string, number>();
  /** Messages the platform took whose `sent` mark the database refused (it was away): marked first next round. */
  private readonly unrecorded = new Map<string, string | undefined>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
    private readonly outbox: OutboxRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.adapters.size === 0) return;
    for (const adapter of this.adapters.values()) this.windows.set(adapter.channel, new SendWindow(adapter.limits.perSecond));
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round over every channel; answers whether anything was sent. */
  async tick(): Promise<boolean> {
    // Before anything is claimed again: else a message sent while the database was away
    // would be sent once more when its lease ends.
    for (const [id, platformMessageId] of this.unrecorded) {
      await this.outbox.sent(id, platformMessageId);
      this.unrecorded.delete(id);
    }
    const rounds = await Promise.all([...this.adapters.values()].map((adapter) => this.deliver(adapter)));
    return rounds.some(Boolean);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: unknown) => {
          // The database is away for a moment: the messages stay pending and the next round tries again.
          this.logger.warn(`Outbox round failed: ${(error as Error).message}`);
          return false;
        })
        .then((busy) => this.schedule(busy ? BUSY_TICK_MS : IDLE_TICK_MS));
    }, delayMs);
  }

  private async deliver(adapter: ChannelAdapter): Promise<boolean> {
    if ((this.pausedUntil.get(adapter.channel) ?? 0) > Date.now()) return false;
    const window = this.windows.get(adapter.channel)!;
    const claimed = await this.outbox.claim({
      channel: adapter.channel,
      limit: window.available(),
      leaseMs: LEASE_MS,
      perChatIntervalMs: adapter.limits.perChatIntervalMs,
    });
    window.take(claimed.length);
    await Promise.all(claimed.map((message) => this.sendOne(adapter, message)));
    return claimed.length > 0;
  }

  private async sendOne(adapter: ChannelAdapter, message: ClaimedMessage): Promise<void> {
    let platformMessageId: string | undefined;
    try {
      ({ platformMessageId } = await adapter.send({ id: message.id, address: message.address, reference: message.reference, body: message.body }));
    } catch (error) {
      return this.recordFailure(adapter.channel, message, error);
    }
    try {
      await this.outbox.sent(message.id, platformMessageId);
    } catch (error) {
      this.unrecorded.set(message.id, platformMessageId);
      throw error;
    }
  }

  private async recordFailure(channel: string, message: ClaimedMessage, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof RateLimitedError) {
      const delayMs = error.retryAfterSeconds * 1000;
      this.pausedUntil.set(channel, Math.max(this.pausedUntil.get(channel) ?? 0, Date.now() + delayMs));
      return this.outbox.retry(message.id, { delayMs, error: reason, counts: false });
    }
    if (error instanceof RecipientUnreachableError) {
      this.logger.log(`A ${channel} customer cannot be reached any more; their conversation ends`);
      return this.outbox.unreachable(message.identityId, reason);
    }
    if (error instanceof BadCredentialsError) {
      this.logger.error(`${channel} refuses the configured credentials; sending is paused: ${reason}`);
      this.pausedUntil.set(channel, Date.now() + CREDENTIALS_PAUSE_MS);
      return this.outbox.retry(message.id, { delayMs: CREDENTIALS_PAUSE_MS, error: reason, counts: false });
    }
    if (error instanceof RejectedMessageError || message.attempts >= MAX_ATTEMPTS) {
      this.logger.warn(`A ${channel} message was given up after ${message.attempts} attempt(s): ${reason}`);
      return this.outbox.failed(message.id, reason);
    }
    return this.outbox.retry(message.id, { delayMs: backoffMs(message.attempts), error: reason, counts: true });
  }
}
