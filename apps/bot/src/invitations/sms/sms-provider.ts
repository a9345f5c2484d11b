import type { WebhookRequest } from '../../channels/channel-adapter';
import { RecipientUnreachableError } from '../../channels/send-errors';

/** What became of a text message, as a provider reports it. */
export type SmsStatus = 'accepted' | 'sent' | 'delivered' | 'failed';

/** One delivery report: the provider's id of the message and its new status. */
export interface SmsReport {
  providerMessageId: string;
  status: SmsStatus;
  /** The provider's reason for a failure (an error code or word), kept for the operator. */
  error?: string;
  /** The recipient asked the provider to send them nothing more (an opt-out the provider enforces). */
  optedOut?: boolean;
}

/** A text message to send: the recipient in E.164 and the text as it goes. */
export interface SmsMessage {
  to: string;
  text: string;
  /** Where the provider should post delivery reports, when it takes one per message. */
  statusCallbackUrl?: string;
}

/**
 * An SMS provider: sends a text and reads its delivery reports. Failures of `send` are the
 * channels' typed send errors (`../../channels/send-errors`): RateLimitedError (wait),
 * TemporarySendError (retry with back-off), RejectedMessageError (give up this message),
 * RecipientUnreachableError (the number cannot receive; `optedOut` when it opted out),
 * BadCredentialsError (nothing goes until fixed).
 */
export interface SmsProvider {
  /** `twilio` | `turbosms`: the name in SMS_PROVIDER and in `POST /webhooks/sms/{name}`. */
  readonly name: string;
  /** Messages a second the provider accepts from one account. */
  readonly perSecond: number;
  send(message: SmsMessage): Promise<{ providerMessageId: string }>;
  /** Whether a delivery report really comes from the provider (its signature, on the URL it was posted to). */
  verifyReport(request: WebhookRequest & { url: string }): boolean;
  /** The reports a verified request carries; throws MalformedRequestError for a body the provider never sends. */
  parseReports(body: unknown): SmsReport[];
  /** The numbers (E.164) that a verified inbound message asked to send nothing more (a reply STOP); none when the provider posts no replies. */
  optOutsOf(body: unknown): string[];
}

/**
 * The recipient opted out at the provider (Twilio's STOP, error 21610; TurboSMS's stop list,
 * code 404): a RecipientUnreachableError the caller can tell apart by `optedOut`, to record the
 * opt-out on the customer rather than a bad number.
 */
export class SmsOptedOutError extends RecipientUnreachableError {
  readonly optedOut = true;

  constructor(detail: string) {
    super(`opted out: ${detail}`);
    this.name = 'SmsOptedOutError';
  }
}

/** Injection token of the configured {@link SmsProvider}, null when SMS is off. */
export const SMS_PROVIDER = Symbol('SMS_PROVIDER');
