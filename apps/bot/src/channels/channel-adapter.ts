import type { IncomingHttpHeaders } from 'node:http';
import type { Locale } from '@turbota/common';
import type { ContactContext } from '@turbota/conversations';
import type { DialogueInput, OutboundBody, Receipt } from '@turbota/dialogue';

/** One thing a customer did, read from a platform's request. */
export interface InboundEvent {
  kind: 'input';
  /** The customer's address on the channel (a chat id, a user id). */
  address: string;
  /** The platform's own key for de-duplication (Telegram `update_id`, Slack `event_id`). */
  key: string;
  input: DialogueInput;
  /** What is known of the customer and the contact: language, name, point of service. */
  context: ContactContext;
  /** The question message the customer answered by tapping, to be closed with the answer. */
  receipt?: Receipt;
  /** What the platform needs to write to this address later (a conversation reference). */
  reference?: unknown;
}

/** What the platform reports of a message Turbota sent. */
export interface DeliveryEvent {
  kind: 'delivery';
  platformMessageId: string;
  status: 'delivered' | 'seen' | 'failed';
  detail?: string;
}

/**
 * What the platform reports of everything it sent into one chat up to a moment (Messenger's
 * watermarks, which name no message): delivered, or seen.
 */
export interface WatermarkEvent {
  kind: 'watermark';
  address: string;
  status: 'delivered' | 'seen';
  /** Messages sent at or before this moment, in milliseconds since the epoch by the platform's clock. */
  watermark: number;
}

/** The customer subscribed to the bot, or left it (an opt-out on that channel). */
export interface SubscriptionEvent {
  kind: 'subscription';
  address: string;
  subscribed: boolean;
}

export type ChannelEvent = InboundEvent | DeliveryEvent | WatermarkEvent | SubscriptionEvent;

/** A webhook request as the adapter verifies it: the raw body for signatures. */
export interface WebhookRequest {
  headers: IncomingHttpHeaders;
  rawBody: Buffer | undefined;
  body: unknown;
}

/** One outbox message to deliver. */
export interface OutboundMessage {
  id: string;
  address: string;
  /** The address's stored conversation reference, for platforms that need one. */
  reference?: unknown;
  body: OutboundBody;
  /** The customer's language, for words a channel adds of its own (WhatsApp's list button); unknown: the default one. */
  locale?: Locale;
}

/** How fast a platform lets one bot send: overall, and into one chat. */
export interface SendLimits {
  perSecond: number;
  perChatIntervalMs: number;
}

/** Thrown by `parse` when a verified request is not something the platform sends. */
export class MalformedRequestError extends Error {}

/**
 * A messenger, both ways: verifies and reads its webhooks into channel-neutral events, and
 * renders and sends channel-neutral prompts. Platform SDK types never leave its folder.
 */
export interface ChannelAdapter {
  readonly channel: string;
  readonly limits: SendLimits;
  /** False: the request is not the platform's (401, nothing written). */
  verify(request: WebhookRequest): boolean | Promise<boolean>;
  /** The events a request carries; none for updates Turbota does not use. */
  parse(body: unknown, rawBody?: Buffer): ChannelEvent[];
  /**
   * The body of the 200 that acknowledges the request (Telegram answers a button tap in it);
   * `outcome.notice`: the request's tap was refused as stale, to be said quietly where the platform can.
   */
  acknowledgement(body: unknown, outcome?: { notice?: string }): unknown;
  /** Delivers one message; throws a `ChannelSendError` saying what to do when it cannot. */
  send(message: OutboundMessage): Promise<{ platformMessageId?: string }>;
  /**
   * Registers the webhook with the platform when Turbota's public address is known; `false`:
   * the platform takes it only by hand (Messenger, in the Meta app's dashboard), and the
   * adapter has said where to point it.
   */
  register?(publicUrl: string): Promise<void | false>;
}

/** The adapters of the channels that are on, by channel name. */
export const CHANNEL_ADAPTERS = Symbol('CHANNEL_ADAPTERS');
export type ChannelAdapters = ReadonlyMap<string, ChannelAdapter>;
