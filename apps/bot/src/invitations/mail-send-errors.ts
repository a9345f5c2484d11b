import { BadCredentialsError, type ChannelSendError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../channels/send-errors';

/** Replies of an SMTP server that say the mailbox itself cannot receive (RFC 5321, 3463): no later try will do. */
const MAILBOX_GONE = new Set([550, 551, 553]);
/** Authentication refused (RFC 4954): nothing goes until the credentials are fixed. */
const AUTH_REFUSED = new Set([530, 534, 535, 538]);

/**
 * What an SMTP failure means for the invitation, as the channels' send errors say it: a
 * mailbox that does not exist is unreachable for good, refused credentials pause every
 * e-mail, another permanent (5xx) reply gives up this message, and a transient (4xx) reply,
 * a timeout or a dropped connection is tried again. Only the reply's code is kept: its words
 * often name the recipient.
 */
export function mailSendErrorOf(error: unknown): ChannelSendError {
  const { responseCode, code } = error as { responseCode?: unknown; code?: unknown };
  const reply = typeof responseCode === 'number' ? responseCode : undefined;
  const detail = reply !== undefined ? `SMTP ${reply}` : `SMTP ${typeof code === 'string' ? code : 'connection failed'}`;
  if (code === 'EAUTH' || (reply !== undefined && AUTH_REFUSED.has(reply))) return new BadCredentialsError(detail);
  if (reply !== undefined && MAILBOX_GONE.has(reply)) return new RecipientUnreachableError(detail);
  if (reply !== undefined && reply >= 500) return new RejectedMessageError(detail);
  return new TemporarySendError(detail);
}
