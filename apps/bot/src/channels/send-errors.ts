/** Why a send failed, typed by what the outbox should do about it. */
export abstract class ChannelSendError extends Error {}

/** The platform asks to wait: retry this message (and hold the channel) after `retryAfterSeconds`. */
export class RateLimitedError extends ChannelSendError {
  constructor(readonly retryAfterSeconds: number, detail: string) {
    super(`Rate limited for ${retryAfterSeconds} s: ${detail}`);
    this.name = 'RateLimitedError';
  }
}

/** The customer cannot be reached there for good (blocked the bot, left, deleted): stop. */
export class RecipientUnreachableError extends ChannelSendError {
  constructor(detail: string) {
    super(`Recipient unreachable: ${detail}`);
    this.name = 'RecipientUnreachableError';
  }
}

/** The platform refuses our credentials: nothing will go out until they are fixed. */
export class BadCredentialsError extends ChannelSendError {
  constructor(detail: string) {
    super(`Bad credentials: ${detail}`);
    this.name = 'BadCredentialsError';
  }
}

/** Anything else that may pass (a 5xx, a timeout, a dropped connection): retry with back-off. */
export class TemporarySendError extends ChannelSendError {
  constructor(detail: string) {
    super(`Temporary failure: ${detail}`);
    this.name = 'TemporarySendError';
  }
}

/** The platform will never accept this message as it is (a 400 on our request): give it up. */
export class RejectedMessageError extends ChannelSendError {
  constructor(detail: string) {
    super(`Rejected: ${detail}`);
    this.name = 'RejectedMessageError';
  }
}
