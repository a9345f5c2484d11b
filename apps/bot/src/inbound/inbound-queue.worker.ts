import { Inject, Injectable, Logger } from '@nestjs/common';
import { type RandomSource, RETRY_RANDOM } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { ConversationService, NoSurveyPolicyError, RoundStepError } from '@turbota/conversations';
import { inSpan, MetricsService } from '@turbota/observability';
import { PiiDecryptionError } from '@turbota/privacy';
import { nextAttemptInMs } from '@turbota/server';
import { PollingWorker } from '@turbota/workers';
import { type ClaimedInput, InboundQueueRepository, type QueuedInput } from './inbound-queue.repository';

const CLAIM_LIMIT = 128;
/** Inputs a round applies in one transaction at least, while it has that many: fewer, larger rounds under load. */
const ROUND_SIZE = 16;
/**
 * Rounds applied at once. More would not apply more (a round keeps the process and the database
 * busy in turns), but would hold connections the webhooks' own inserts wait for.
 */
const MAX_ROUNDS_AT_ONCE = 3;
// A step takes milliseconds; a process that dies holding inputs leaves them to another this much later.
const LEASE_MS = 15_000;
const IDLE_TICK_MS = 500;
/** An input that came before any survey policy existed waits for one. */
const NO_POLICY_RETRY_MS = 30_000;

interface RoundCounts {
  applied: number;
  failed: number;
}

/**
 * Applies the inputs webhooks queued instead of applying them at once (`WebhookIngress`). A
 * claim takes the oldest input of each address (so an address's inputs apply in the order they
 * came) and splits them into rounds, a few at once; a round applies its inputs one after
 * another in one transaction, which also takes them off the queue (`handleRound`). When one
 * input of a round fails, the round is rolled back and its inputs are applied one by one, each
 * in its own transaction, so only the failing one waits to be tried again. A re-applied input
 * (a lease that ended after its step committed) is recognised by its key and changes nothing.
 */
@Injectable()
export class InboundQueueWorker extends PollingWorker<RoundCounts> {
  /** Incremented by every enqueue, so a round that saw an empty queue before it cannot clear a newer mark. */
  private enqueued = 0;
  private waiting = true;
  private readonly concurrency: number;
  private readonly applies: boolean;
  private readonly counters;

  constructor(
    private readonly queue: InboundQueueRepository,
    private readonly conversations: ConversationService,
    @Inject(APP_CONFIG) config: AppConfig,
    metrics: MetricsService,
    @Inject(RETRY_RANDOM) private readonly random: RandomSource,
  ) {
    super(new Logger('InboundQueue'), { firstMs: 0, idleMs: IDLE_TICK_MS, busyMs: 0 });
    // While inputs are queued none is applied inside a request: the pool is the worker's, but for the outbox's share.
    this.concurrency = Math.max(1, config.databasePoolSize - 2);
    this.applies = config.inboundWorker;
    this.counters = {
      queued: metrics.counter({ name: 'turbota_inbound_queued_total', help: 'Inputs webhooks queued to apply after answering' }),
      applied: metrics.counter({ name: 'turbota_inbound_applied_total', help: 'Queued inputs applied (their dialogue steps committed), re-deliveries included' }),
      failed: metrics.counter({ name: 'turbota_inbound_failed_total', help: 'Queued inputs given up on after repeated failures' }),
      rounds: metrics.counter({
        name: 'turbota_inbound_rounds_total',
        help: 'Rounds of queued inputs: applied in one transaction, or one by one after an input of theirs failed',
        labelNames: ['outcome'] as const,
      }),
    };
  }

  /** INBOUND_WORKER=false: other bot processes apply what this one queues. */
  protected override shouldRun(): boolean {
    return this.applies;
  }

  protected override async prepare(): Promise<void> {
    this.waiting = await this.queue.waiting().catch(() => true);
  }

  /**
   * True while inputs may be waiting in the queue (this process's or another's, as of its
   * last round): a new input then joins the queue rather than overtake one of its address.
   * Always true in a process that does not apply the queue itself: it queues every input.
   */
  get mayHoldInputs(): boolean {
    return !this.applies || this.waiting;
  }

  /** Stores an input for a round to apply, and starts one. */
  async enqueue(input: QueuedInput): Promise<void> {
    this.enqueued += 1;
    this.waiting = true;
    await this.queue.enqueue(input);
    this.counters.queued.inc();
    this.wake();
  }

  async tick(): Promise<RoundCounts> {
    const mark = this.enqueued;
    const claimed = await this.queue.claim({ limit: CLAIM_LIMIT, leaseMs: LEASE_MS });
    if (claimed.length === 0) {
      const waiting = await this.queue.waiting();
      if (mark === this.enqueued) this.waiting = waiting;
      return { applied: 0, failed: 0 };
    }
    const rounds = Math.min(this.concurrency, MAX_ROUNDS_AT_ONCE, Math.ceil(claimed.length / ROUND_SIZE));
    const counts = await Promise.all(Array.from({ length: rounds }, (_, i) => this.applyRound(claimed.filter((_, j) => j % rounds === i))));
    const total = counts.reduce((sum, c) => ({ applied: sum.applied + c.applied, failed: sum.failed + c.failed }), { applied: 0, failed: 0 });
    this.counters.applied.inc(total.applied);
    return total;
  }

  /** Applies inputs of distinct addresses in one transaction, or, when one of them fails, each on its own. */
  private async applyRound(inputs: ClaimedInput[]): Promise<RoundCounts> {
    try {
      await this.conversations.handleRound(
        inputs.map((input) => ({ address: { channel: input.channel, address: input.address }, inbound: input.inbound, context: input.context, within: (step) => this.traced(input, step) })),
        (tx) => this.queue.done(inputs.map((input) => input.id), tx),
      );
      this.counters.rounds.inc({ outcome: 'together' });
      return { applied: inputs.length, failed: 0 };
    } catch (error) {
      this.counters.rounds.inc({ outcome: 'one_by_one' });
      // Said again, and counted, by the input that fails on its own.
      const which = error instanceof RoundStepError ? `input ${inputs[error.index].id} failed` : (error as Error).message;
      this.logger.debug(`A round of ${inputs.length} queued inputs is applied one by one instead: ${which}`);
    }
    const outcomes: boolean[] = [];
    for (const input of inputs) outcomes.push(await this.apply(input));
    // One statement: an input applied but not yet deleted (a crash here) is recognised by its key when claimed again.
    const applied = inputs.filter((_, i) => outcomes[i]).map((input) => input.id);
    await this.queue.done(applied);
    return { applied: applied.length, failed: inputs.length - applied.length };
  }

  /** The input's step as a child of the webhook's span, though applied later (or in another process). */
  private traced<T>(input: ClaimedInput, step: () => Promise<T>): Promise<T> {
    const attributes = { 'turbota.channel': input.channel, 'turbota.inbound.attempts': input.attempts };
    return inSpan('turbota.inbound.apply', { parent: input.trace ?? null, attributes }, step);
  }

  protected busy(round: RoundCounts): boolean {
    if (round.failed > 0) this.logger.warn(`Applied ${round.applied} queued inputs, ${round.failed} failed and wait to be tried again`);
    return round.applied + round.failed > 0;
  }

  private async apply(input: ClaimedInput): Promise<boolean> {
    try {
      await this.traced(input, () => this.conversations.handle({ channel: input.channel, address: input.address }, input.inbound, input.context));
      return true;
    } catch (error) {
      // A value sealed with a key this process lacks (or altered) opens on no later try either.
      const permanent = error instanceof PiiDecryptionError;
      const waitsForPolicy = error instanceof NoSurveyPolicyError;
      const backoff = nextAttemptInMs(input.attempts, this.random);
      const final = permanent || (!waitsForPolicy && backoff === null);
      const delayMs = waitsForPolicy ? NO_POLICY_RETRY_MS : (backoff ?? 0);
      const message = (error as Error).message;
      if (final) {
        this.counters.failed.inc();
        this.logger.error(
          permanent
            ? `Queued input ${input.id} on ${input.channel} is given up on at once, as no retry can succeed: ${message}`
            : `Queued input ${input.id} on ${input.channel} failed ${input.attempts} times and is given up on: ${message}`,
        );
      }
      await this.queue.failed(input.id, { delayMs, error: message, final }).catch(() => undefined);
      return false;
    }
  }
}
