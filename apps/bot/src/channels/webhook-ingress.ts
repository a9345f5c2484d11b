import { BadRequestException, Inject, Injectable, NotFoundException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { ConversationService, NoSurveyPolicyError } from '@turbota/conversations';
import { currentTraceparent, inSpan } from '@turbota/observability';
import { InboundQueueWorker } from '../inbound/inbound-queue.worker';
import { DeliveryReceipts } from '../outbox/delivery-receipts';
import { CHANNEL_ADAPTERS, type ChannelAdapters, type ChannelEvent, MalformedRequestError } from './channel-adapter';
import { wrongFieldOf } from './channel-event.schema';
import { storable } from './storable-text';

/**
 * The one way a platform's webhook comes in: verified first (a failure writes nothing), read
 * into events, each applied and stored, and only then acknowledged. Telegram updates fetched
 * by polling come in through `accept`, the same path after verification. A failure to store is a
 * 5xx, so the platform delivers again; the stored input key makes that harmless.
 *
 * A customer's input is applied inside the request while the process has room for it
 * (`webhookInlineSteps` at once). Beyond that, in a peak, the input is stored sealed in the
 * inbound queue and the request answered at once, and a worker applies it shortly after;
 * while the queue holds anything, every input joins it, so none overtakes an earlier one.
 */
@Injectable()
export class WebhookIngress {
  private inlineSteps = 0;

  constructor(
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly conversations: ConversationService,
    private readonly receipts: DeliveryReceipts,
    private readonly queue: InboundQueueWorker,
  ) {}

  /**
   * Verifies a webhook and hands its body to `accept` (by default {@link accept}; Slack's goes
   * through its Bolt app, whose listeners call `accept`); answers what that answers.
   */
  receive(channel: string, request: Request & { rawBody?: Buffer }, accept?: (body: unknown) => Promise<unknown>): Promise<unknown> {
    return inSpan('turbota.webhook.receive', { attributes: { 'turbota.channel': channel } }, () =>
      this.verifiedAndApplied(channel, request, accept ?? ((body) => this.accept(channel, body, request.rawBody))),
    );
  }

  private async verifiedAndApplied(channel: string, request: Request & { rawBody?: Buffer }, accept: (body: unknown) => Promise<unknown>): Promise<unknown> {
    const adapter = this.adapters.get(channel);
    if (!adapter) throw new NotFoundException(`The ${channel} channel is off`);
    if (!(await adapter.verify({ headers: request.headers, rawBody: request.rawBody, body: request.body }))) {
      throw new UnauthorizedException(`The request does not carry a valid ${channel} signature`);
    }
    try {
      return await accept(request.body);
    } catch (error) {
      if (error instanceof MalformedRequestError) throw new BadRequestException(error.message);
      if (error instanceof NoSurveyPolicyError) throw new ServiceUnavailableException(`${error.message}; the update will be accepted once one is`);
      throw error;
    }
  }

  /**
   * What comes after verification, for a webhook and a Telegram update fetched by polling
   * alike: the body read into events, each applied and stored; answers the acknowledgement.
   * Throws a MalformedRequestError for a body the platform never sends (nothing written), and
   * whatever kept an event from being stored (NoSurveyPolicyError, the database away): the
   * caller has it delivered again, and the stored input key makes that harmless.
   */
  async accept(channel: string, body: unknown, rawBody?: Buffer): Promise<unknown> {
    const adapter = this.adapters.get(channel);
    if (!adapter) throw new Error(`The ${channel} channel is off`);
    let events;
    try {
      events = adapter.parse(body, rawBody);
    } catch (error) {
      // A verified request with a field of a kind the platform never sends (a number for a text) is the caller's mistake.
      if (error instanceof TypeError) throw new MalformedRequestError(`The ${channel} request has a field of the wrong type`);
      throw error;
    }
    for (const event of events) {
      const wrong = wrongFieldOf(event);
      if (wrong) throw new MalformedRequestError(`The ${channel} request has a field of the wrong type (${wrong})`);
    }
    let notice: string | undefined;
    for (const event of events) notice = (await this.apply(channel, storable(event))) ?? notice;
    return adapter.acknowledgement(body, { notice });
  }

  /** Applies one event; answers the notice of an input refused as stale (applied inline: a queued one is answered before it is read). */
  private async apply(channel: string, event: ChannelEvent): Promise<string | undefined> {
    if (event.kind === 'delivery') return void (await this.receipts.record(channel, event));
    if (event.kind === 'watermark') return void (await this.receipts.recordUpTo(channel, event));
    const address = { channel, address: event.address };
    if (event.kind === 'subscription') return void (await this.conversations.setSubscribed(address, event.subscribed));
    const inbound = { key: event.key, input: event.input, receipt: event.receipt, reference: event.reference };
    if (this.queue.mayHoldInputs || this.inlineSteps >= this.config.webhookInlineSteps) {
      // The worker's step continues this webhook's trace.
      return void (await this.queue.enqueue({ ...address, inbound, context: event.context, trace: currentTraceparent() }));
    }
    this.inlineSteps += 1;
    try {
      return (await this.conversations.handle(address, inbound, event.context)).notice;
    } finally {
      this.inlineSteps -= 1;
    }
  }
}
