import { Inject, Injectable, Logger } from '@nestjs/common';
import { type RandomSource, RETRY_RANDOM } from '@turbota/common';
import { inSpan, SpanKind } from '@turbota/observability';
import { nextAttemptInMs } from '@turbota/server';
import { PollingWorker } from '@turbota/workers';
import { type ChannelAdapter, CHANNEL_ADAPTERS, type ChannelAdapters } from '../channels/channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError } from '../channels/send-errors';
import { type ClaimedMessage, OutboxRepository } from './outbox.repository';
import { RecordBacklog } from './record-backlog';
import { SenderLeaseRepository } from './sender-lease.repository';
import { SenderLeases } from './sender-leases';
import { SendWindow } from './send-window';

/**
 * How long a claimed message is held before another process may try it: longer than a send
 * may take (adapters time out sooner), short enough that a crash delays a reply only briefly.
 */
export const LEASE_MS = 15_000;
// A full window frees a place at any moment; a round that finds none costs no query, so look often.
const BUSY_TICK_MS = 20;
const IDLE_TICK_MS = 400;
const CREDENTIALS_PAUSE_MS = 60_000;

/**
 * Delivers the outbox: for each channel that is on, claims what its rate limits allow, sends
 * outside any transaction, and records the outcome by what the error says to do. A round
 * does not wait for its sends: the next one claims as soon as the channel's send window has
 * room, so a send round that takes longer than a second does not slow the channel below its
 * limit (a chat's next message still waits for the one before it, which stays pending).
 * With several bot processes, one at a time sends for a channel, the one holding its lease:
 * the platform's limit is per bot, and only the sender knows of the 429s it was answered.
 */
@Injectable()
export class OutboxSender extends PollingWorker<boolean> {
  private readonly windows = new Map<string, SendWindow>();
  private readonly pausedUntil = new Map<string, number>();
  /** A channel that found nothing to send is looked at again only after an idle tick, whatever the others do. */
  private readonly idleUntil = new Map<string, number>();
  /** `sent` marks the database refused (it was away) for messages the platform took: written first next round. */
  private readonly unrecorded = new RecordBacklog();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly leases: SenderLeases;

  constructor(
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
    private readonly outbox: OutboxRepository,
    leaseStore: SenderLeaseRepository,
    @Inject(RETRY_RANDOM) private readonly random: RandomSource,
  ) {
    super(new Logger('Outbox'), { firstMs: 0, idleMs: IDLE_TICK_MS, busyMs: BUSY_TICK_MS });
    this.leases = new SenderLeases(leaseStore, this.logger);
  }

  /** This process's name in the lease table (`outbox_sender_lease.holder`). */
  get holder(): string {
    return this.leases.holder;
  }

  protected override shouldRun(): boolean {
    for (const adapter of this.adapters.values()) this.windows.set(adapter.channel, new SendWindow(adapter.limits.perSecond));
    return this.adapters.size > 0;
  }

  override async onApplicationShutdown(): Promise<void> {
    await super.onApplicationShutdown();
    await Promise.allSettled(this.inFlight);
    // Given back only now: the sends this process started are recorded, so the next holder repeats none.
    await this.leases.release().catch((error: unknown) => {
      this.logger.warn(`Releasing the send leases failed; another process sends once they end: ${(error as Error).message}`);
    });
  }

  /** The sends started and not yet recorded, for a test to wait on. */
  async settled(): Promise<void> {
    await Promise.allSettled(this.inFlight);
  }

  /** One round over every channel this process holds: claims and starts sends; answers whether a channel has more to do at once. */
  async tick(): Promise<boolean> {
    // Before anything is claimed again: else a message sent while the database was away
    // would be sent once more when its lease ends.
    await this.unrecorded.flush();
    const held = await this.leases.held([...this.adapters.keys()]);
    const rounds = await Promise.all([...this.adapters.values()].filter((a) => held.has(a.channel)).map((adapter) => this.deliver(adapter)));
    return rounds.some(Boolean);
  }

  protected busy(more: boolean): boolean {
    return more;
  }

  private async deliver(adapter: ChannelAdapter): Promise<boolean> {
    const now = Date.now();
    if ((this.pausedUntil.get(adapter.channel) ?? 0) > now || (this.idleUntil.get(adapter.channel) ?? 0) > now) return false;
    const window = this.windows.get(adapter.channel)!;
    const claimed = await this.outbox.claim({
      channel: adapter.channel,
      limit: window.available(),
      leaseMs: LEASE_MS,
      perChatIntervalMs: adapter.limits.perChatIntervalMs,
    });
    for (const message of claimed) this.start(this.sendOne(adapter, message, window.take()));
    // A full window is busy too: it has room again a second after the answers, and looking costs no query.
    const busy = claimed.length > 0 || window.available() === 0;
    this.idleUntil.set(adapter.channel, busy ? 0 : now + IDLE_TICK_MS);
    return busy;
  }

  private start(send: Promise<void>): void {
    const tracked = send.catch((error: unknown) => {
      // The database went away after the send: `unrecorded` holds it for the next round.
      this.logger.warn(`Recording a send failed: ${(error as Error).message}`);
    });
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  /** Sends one message in a span continuing the trace of the step that wrote it, the platform's call a child of it. */
  private sendOne(adapter: ChannelAdapter, message: ClaimedMessage, answered: () => void): Promise<void> {
    const attributes = { 'turbota.channel': adapter.channel, 'turbota.message.id': message.id, 'turbota.outbox.attempts': message.attempts };
    return inSpan('turbota.outbox.send', { parent: message.traceParent, attributes }, async () => {
      let platformMessageId: string | undefined;
      try {
        ({ platformMessageId } = await this.platformCall(adapter, message));
      } catch (error) {
        answered();
        return this.recordFailure(adapter.channel, message, error);
      }
      answered();
      await this.unrecorded.record(() => this.outbox.sent(message.id, platformMessageId));
    });
  }

  /** The adapter's call to the platform, traced with its channel, prompt kind and outcome (never the text or the address). */
  private platformCall(adapter: ChannelAdapter, message: ClaimedMessage): Promise<{ platformMessageId?: string }> {
    const attributes = { 'turbota.channel': adapter.channel, 'turbota.prompt.kind': message.body.kind };
    return inSpan('turbota.platform.send', { attributes, kind: SpanKind.CLIENT }, async (span) => {
      try {
        const sent = await adapter.send({ id: message.id, address: message.address, reference: message.reference, body: message.body, locale: message.locale });
        span.setAttribute('turbota.send.outcome', 'sent');
        return sent;
      } catch (error) {
        span.setAttribute('turbota.send.outcome', sendOutcomeOf(error));
        throw error;
      }
    });
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
    const delayMs = error instanceof RejectedMessageError ? null : nextAttemptInMs(message.attempts, this.random);
    if (delayMs === null) {
      this.logger.warn(`A ${channel} message was given up after ${message.attempts} attempt(s): ${reason}`);
      return this.outbox.failed(message.id, reason);
    }
    return this.outbox.retry(message.id, { delayMs, error: reason, counts: true });
  }
}

/** What a failed send means, as a span records it: the kind of the error, never its message. */
function sendOutcomeOf(error: unknown): string {
  if (error instanceof RateLimitedError) return 'rate-limited';
  if (error instanceof RecipientUnreachableError) return 'unreachable';
  if (error instanceof BadCredentialsError) return 'bad-credentials';
  if (error instanceof RejectedMessageError) return 'rejected';
  return 'failed';
}
