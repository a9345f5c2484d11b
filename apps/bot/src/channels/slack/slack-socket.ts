import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SocketModeClient } from '@slack/socket-mode';
import type { RandomSource } from '@turbota/common';
import { inSpan, outsideAnyTrace } from '@turbota/observability';
import { backoffMs } from '@turbota/server';
import { type LeaseStore, SoleLease } from '../../outbox/sender-leases';
import { MalformedRequestError } from '../channel-adapter';
import type { SlackDelivery } from './slack-http.receiver';
import { boltLogger, slackClientOptions } from './slack-client';

/** The socket's lease in `outbox_sender_lease`, beside the channels' send leases: one process holds the socket. */
export const SOCKET_LEASE_KEY = 'slack:socket';

/** Where an envelope's payload goes: the Slack app's listeners (`SlackRouter.deliver`). */
export interface EnvelopeSink {
  /** Runs the listener to its end; answers what it acknowledged, throws when nothing was stored. */
  deliver(body: unknown, retry: Pick<SlackDelivery, 'retryNum' | 'retryReason'>): Promise<unknown>;
}

/** One envelope as `@slack/socket-mode` hands it over (its `slack_event`). */
export interface SocketEnvelope {
  envelope_id?: string;
  type?: string;
  body?: unknown;
  retry_num?: number;
  retry_reason?: string;
  ack(response?: Record<string, unknown>): Promise<void>;
}

/** What a Socket Mode connection is made of. */
export interface SlackSocketOptions {
  appToken: string;
  apiUrl: string;
  sink: EnvelopeSink;
  leaseStore: LeaseStore;
  random: RandomSource;
}

/**
 * An envelope's retry as Bolt reads it from the HTTP headers: Slack counts `retry_attempt`
 * from 0 on the first delivery, where the header is absent.
 */
export function retryOfEnvelope(envelope: Pick<SocketEnvelope, 'retry_num' | 'retry_reason'>): Pick<SlackDelivery, 'retryNum' | 'retryReason'> {
  const attempt = envelope.retry_num;
  if (typeof attempt !== 'number' || !Number.isInteger(attempt) || attempt <= 0) return {};
  return { retryNum: attempt, ...(typeof envelope.retry_reason === 'string' && envelope.retry_reason ? { retryReason: envelope.retry_reason } : {}) };
}

/** The acknowledgement's payload: the listener's answer when it is an object with something in it (a command's, a modal's errors). */
export function ackPayloadOf(answer: unknown): Record<string, unknown> | undefined {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return undefined;
  return Object.keys(answer).length > 0 ? (answer as Record<string, unknown>) : undefined;
}

/**
 * Slack without a public address: the holder of a lease opens Socket Mode and hands each
 * envelope's payload to the same Slack app as `POST /webhooks/slack`. An envelope is
 * acknowledged only once its listener has stored what it carried; one whose listener failed is
 * left unacknowledged, so Slack delivers it again, and the stored input keys make that harmless.
 * When the lease may be ending (the database away) the socket is closed before another process
 * can take it.
 */
export class SlackSocketMode implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SlackSocket');
  private readonly lease: SoleLease;
  private stopping = false;
  private client?: SocketModeClient;
  /** Failed starts in a row, and when the next may be tried. */
  private failures = 0;
  private nextStartAt = 0;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: SlackSocketOptions) {
    // Opens the socket when held, closes it when not.
    this.lease = new SoleLease(options.leaseStore, SOCKET_LEASE_KEY, this.logger, {
      doing: 'holds the Slack Socket Mode connection',
      onCheck: async (held) => {
        if (this.stopping) return;
        if (!held) return this.close();
        if (!this.client && Date.now() >= this.nextStartAt) this.open();
      },
    });
  }

  onApplicationBootstrap(): void {
    outsideAnyTrace(() => {
      this.lease.start();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.lease.stop();
    await this.close();
    // Envelopes under way finish (and are acknowledged, or not) before the lease is given back.
    await Promise.allSettled([...this.pending]);
    await this.lease.release();
  }

  /** Opens Socket Mode; the client reconnects by itself after a `disconnect` message or a dropped socket. */
  private open(): void {
    const client = new SocketModeClient({
      appToken: this.options.appToken,
      // `apps.connections.open` goes to the same Web API as the bot's calls (a fake in tests).
      clientOptions: slackClientOptions(this.options.apiUrl),
      logger: boltLogger('SlackSocket'),
    });
    client.on('slack_event', (envelope: SocketEnvelope) => {
      const taken = this.take(envelope);
      this.pending.add(taken);
      void taken.finally(() => this.pending.delete(taken));
    });
    this.client = client;
    client.start().then(
      () => {
        this.failures = 0;
        this.logger.log('Slack Socket Mode connected');
      },
      (error: unknown) => {
        if (this.client !== client) return;
        this.client = undefined;
        this.failures += 1;
        const delayMs = backoffMs(this.failures, this.options.random);
        this.nextStartAt = Date.now() + delayMs;
        this.logger.warn(`Slack Socket Mode could not connect (${this.failures} in a row), trying again in ${delayMs} ms: ${(error as Error).message}`);
        void client.disconnect().catch(() => undefined);
      },
    );
  }

  private async close(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.logger.log('Slack Socket Mode closed: this process no longer holds the socket');
    await client.disconnect().catch((error: unknown) => this.logger.warn(`Closing the Slack socket failed: ${(error as Error).message}`));
  }

  /** Runs one envelope through the listeners, in a trace of its own. */
  private take(envelope: SocketEnvelope): Promise<void> {
    const attributes = { 'turbota.channel': 'slack', 'turbota.slack.envelope': String(envelope.type) };
    return inSpan('turbota.slack.envelope', { parent: null, attributes }, async () => void (await takeEnvelope(envelope, this.options.sink, this.logger)));
  }
}

/**
 * Hands an envelope's payload to the listeners and acknowledges it once they stored what it
 * carried, with their answer (a command's, a modal's errors). A listener's failure leaves it
 * unacknowledged, for Slack to deliver again; a payload Turbota cannot read is acknowledged and
 * passed over, since Slack would deliver it again and again. Answers whether it was acknowledged.
 */
export async function takeEnvelope(envelope: SocketEnvelope, sink: EnvelopeSink, logger: Pick<Logger, 'warn'>): Promise<boolean> {
  let answer: unknown;
  try {
    answer = await sink.deliver(envelope.body, retryOfEnvelope(envelope));
  } catch (error) {
    if (!(error instanceof MalformedRequestError)) {
      logger.warn(`A Slack envelope was not acknowledged, for Slack to deliver again: ${(error as Error).message}`);
      return false;
    }
    logger.warn(`A Slack envelope Turbota cannot read was passed over: ${error.message}`);
  }
  try {
    await envelope.ack(ackPayloadOf(answer));
    return true;
  } catch (error) {
    // Stored already: Slack's re-delivery finds its input key and changes nothing.
    logger.warn(`A Slack envelope could not be acknowledged: ${(error as Error).message}`);
    return false;
  }
}
