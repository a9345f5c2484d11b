import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Api, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import type { RandomSource } from '@turbota/common';
import { inSpan, outsideAnyTrace } from '@turbota/observability';
import { backoffMs } from '@turbota/server';
import { LEASE_CHECK_MS, type LeaseStore, SoleLease } from '../../outbox/sender-leases';
import { MalformedRequestError } from '../channel-adapter';
import { TELEGRAM_UPDATES } from './telegram.adapter';

/** The poller's lease in `outbox_sender_lease`, beside the channels' send leases: one poller per bot. */
export const POLLER_LEASE_KEY = 'telegram:getUpdates';
/** How long one `getUpdates` waits for an update before it answers an empty list. */
export const POLL_TIMEOUT_SECONDS = 30;
/**
 * grammY types its signals as those of its Node shim (`abort-controller`); it accepts any
 * signal with `addEventListener` and listens to it, so Node's own is passed as that type.
 */
type GrammySignal = NonNullable<Parameters<Api['getUpdates']>[1]>;
const grammySignal = (signal: AbortSignal) => signal as unknown as GrammySignal;
/** A token Telegram refuses stays refused: ask again only after this. */
const CREDENTIALS_PAUSE_MS = 60_000;

/** Where a fetched update goes: the webhook's own path after verification (`WebhookIngress.accept`). */
export interface UpdateSink {
  /** Applies and stores the update; answers what a webhook would answer Telegram. */
  accept(channel: string, body: unknown): Promise<unknown>;
}

/** What a poller is made of; `timeoutSeconds` is shorter in tests. */
export interface TelegramPollerOptions {
  botToken: string;
  apiRoot: string;
  sink: UpdateSink;
  leaseStore: LeaseStore;
  random: RandomSource;
  timeoutSeconds?: number;
}

/** What to do after a failed round: wait this long, and delete the webhook first when one is in the way. */
export interface PollRetry {
  delayMs: number;
  deleteWebhook: boolean;
}

/**
 * The wait after a failed round (`failures` in a row): Telegram's `retry_after` for a 429; a
 * jittered back-off for a 409 (a webhook is set, or another `getUpdates` runs), the network, a
 * 5xx or an update that could not be stored; a long pause for a refused token.
 */
export function retryAfterFailure(error: unknown, failures: number, random: RandomSource): PollRetry {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) return { delayMs: (error.parameters.retry_after ?? 1) * 1000, deleteWebhook: false };
    if (error.error_code === 401 || error.error_code === 404) return { delayMs: CREDENTIALS_PAUSE_MS, deleteWebhook: false };
    if (error.error_code === 409) return { delayMs: backoffMs(failures, random), deleteWebhook: /webhook/i.test(error.description) };
  }
  return { delayMs: backoffMs(failures, random), deleteWebhook: false };
}

/**
 * The `answerCallbackQuery` a webhook would have answered in its response (a tap stops
 * spinning, a stale one with the quiet notice), as the parameters of the call; null for none.
 */
export function callbackAnswerOf(acknowledgement: unknown): { callback_query_id: string; text?: string } | null {
  if (typeof acknowledgement !== 'object' || acknowledgement === null) return null;
  const { method, callback_query_id: id, text } = acknowledgement as Record<string, unknown>;
  if (method !== 'answerCallbackQuery' || typeof id !== 'string') return null;
  return { callback_query_id: id, ...(typeof text === 'string' ? { text } : {}) };
}

/**
 * Telegram without a public address: fetches updates by long polling `getUpdates` and feeds
 * each through the webhook's path. The offset moves past an update only once it is stored, so
 * a crash loses none and the next read repeats at most the ones stored (their input keys make
 * that harmless). One process per bot polls, the holder of a lease; while the lease may be
 * ending (the database away, so it cannot be renewed) the pending poll is aborted before
 * another process can take over.
 */
export class TelegramPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Telegram');
  private readonly api: Api;
  private readonly lease: SoleLease;
  private readonly timeoutSeconds: number;
  private readonly stopping = new AbortController();
  private poll?: AbortController;
  private loop?: Promise<void>;
  private holding = false;
  private webhookDeleted = false;
  private offset: number | undefined;

  constructor(private readonly options: TelegramPollerOptions) {
    this.timeoutSeconds = options.timeoutSeconds ?? POLL_TIMEOUT_SECONDS;
    // The client's own time-out is set beyond the long poll's, so an idle poll is not an error.
    this.api = new Api(options.botToken, { apiRoot: options.apiRoot, timeoutSeconds: this.timeoutSeconds + 15 });
    // A poll this process may no longer run is aborted.
    this.lease = new SoleLease(options.leaseStore, POLLER_LEASE_KEY, this.logger, {
      doing: 'polls Telegram for updates',
      onCheck: (held) => {
        this.holding = held;
        if (!held) this.poll?.abort();
      },
    });
  }

  onApplicationBootstrap(): void {
    outsideAnyTrace(() => {
      this.lease.start();
      this.loop = this.run();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    this.poll?.abort();
    // A renewal under way would take the lease again after it is given back.
    await this.lease.stop();
    await this.loop;
    await this.lease.release();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      if (!this.holding) {
        await this.pause(LEASE_CHECK_MS);
        continue;
      }
      try {
        await this.round();
        failures = 0;
      } catch (error) {
        if (this.stopping.signal.aborted) break;
        failures += 1;
        const retry = retryAfterFailure(error, failures, this.options.random);
        if (retry.deleteWebhook) this.webhookDeleted = false;
        this.logger.warn(`Polling Telegram failed (${failures} in a row), trying again in ${retry.delayMs} ms: ${(error as Error).message}`);
        await this.pause(retry.delayMs);
      }
    }
  }

  /** One `getUpdates` and the updates it brought, each stored before the offset moves past it. */
  private async round(): Promise<void> {
    if (!this.webhookDeleted) {
      // Pending updates are kept: they are fetched next.
      await this.api.deleteWebhook({ drop_pending_updates: false }, grammySignal(this.stopping.signal));
      this.webhookDeleted = true;
      this.logger.log('Telegram webhook deleted: this process fetches updates by polling');
    }
    for (const update of await this.fetch()) {
      // Without the lease the rest is left to the holder, which reads it again.
      if (!this.holding || this.stopping.signal.aborted) return;
      await this.take(update);
      this.offset = update.update_id + 1;
    }
  }

  /** The next updates (the backlog first); none when the poll was aborted (the lease lost, or shutdown). */
  private async fetch(): Promise<Update[]> {
    const poll = new AbortController();
    this.poll = poll;
    try {
      return await this.api.getUpdates({ offset: this.offset, timeout: this.timeoutSeconds, allowed_updates: [...TELEGRAM_UPDATES] }, grammySignal(poll.signal));
    } catch (error) {
      if (poll.signal.aborted) return [];
      throw error;
    } finally {
      this.poll = undefined;
    }
  }

  /** Stores one update through the webhook's path, then answers its button tap as the webhook's response would. */
  private async take(update: Update): Promise<void> {
    const attributes = { 'turbota.channel': 'telegram' };
    const acknowledgement = await inSpan('turbota.telegram.update', { parent: null, attributes }, async () => {
      try {
        return await this.options.sink.accept('telegram', update);
      } catch (error) {
        // Telegram will not send it otherwise, however often it is read: it is passed over.
        if (error instanceof MalformedRequestError) return void this.logger.warn(`An update Turbota cannot read was passed over: ${error.message}`);
        throw error;
      }
    });
    const answer = callbackAnswerOf(acknowledgement);
    if (!answer) return;
    const { callback_query_id: id, ...other } = answer;
    // A tap left unanswered only spins a while longer; the answer stored counts, not this call.
    await this.api.answerCallbackQuery(id, other).catch((error: unknown) => {
      this.logger.warn(`A button tap could not be answered: ${(error as Error).message}`);
    });
  }

  /** Waits, or less when the process stops. */
  private pause(ms: number): Promise<void> {
    const signal = this.stopping.signal;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
    });
  }
}
