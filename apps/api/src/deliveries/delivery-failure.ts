/** Why a message is not out, as viewers may read it. */
export const FAILURE_CATEGORIES = ['rate_limited', 'recipient_blocked', 'bad_credentials', 'temporary', 'rejected', 'erased', 'other'] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

/** A send failure without the platform's own words: what kind it was, and the HTTP status when there was one. */
export interface DeliveryFailure {
  category: FailureCategory;
  /** The platform's HTTP status; null when there was none (a network failure, a platform code). */
  httpStatus: number | null;
  /** One short sentence of ours, never the platform's response, an address or a stack. */
  reason: string;
}

/**
 * The stored error's beginning, as the bot's typed send errors write it, and what it means.
 * The rest (the platform's description, a connection's address) stays in the database and the
 * bot's logs for operators.
 */
const KINDS: { prefix: RegExp; category: FailureCategory; reason: (match: RegExpExecArray) => string }[] = [
  { prefix: /^Rate limited for (\d+) s: /, category: 'rate_limited', reason: (m) => `the platform asked to wait ${m[1]} s; sent again after it` },
  { prefix: /^Recipient unreachable: /, category: 'recipient_blocked', reason: () => 'the customer cannot be reached on this channel (blocked the bot, left, or the address is refused)' },
  { prefix: /^Bad credentials: /, category: 'bad_credentials', reason: () => 'the platform refuses the configured credentials' },
  { prefix: /^Temporary failure: /, category: 'temporary', reason: () => 'the platform could not take the message for now; retried with back-off' },
  { prefix: /^Rejected: /, category: 'rejected', reason: () => 'the platform refused this message' },
  { prefix: /^the customer was erased$/, category: 'erased', reason: () => 'the customer was erased before it was sent' },
];

// The platform's status where the bot's errors put it: "403: …", "sendMessage: 403 …", "send_message: HTTP 502".
const STATUS = /^(?:[A-Za-z_/]+: )?(?:HTTP )?([1-5]\d\d)\b/;

/** What viewers see of a stored send error; null when there is none. */
export function deliveryFailureOf(stored: string | null): DeliveryFailure | null {
  if (stored === null) return null;
  for (const kind of KINDS) {
    const match = kind.prefix.exec(stored);
    if (!match) continue;
    const detail = stored.slice(match[0].length);
    const status = STATUS.exec(detail)?.[1];
    const reason = kind.category === 'temporary' && /^network\b/.test(detail) ? 'a network failure on the way to the platform; retried with back-off' : kind.reason(match);
    return { category: kind.category, httpStatus: status ? Number(status) : null, reason };
  }
  return { category: 'other', httpStatus: null, reason: 'the message was not delivered' };
}

/** The failure in one line: `rejected (HTTP 400): the platform refused this message`. */
export function failureSummary(failure: DeliveryFailure): string {
  return `${failure.category}${failure.httpStatus === null ? '' : ` (HTTP ${failure.httpStatus})`}: ${failure.reason}`;
}

/** Why a failed message may not be sent again, as the API and the console name it. */
export const RETRY_REFUSALS = ['customer_erased', 'customer_opted_out', 'recipient_unreachable', 'message_rejected'] as const;
export type RetryRefusal = (typeof RETRY_REFUSALS)[number];

/** What is known of a failed message's recipient now, besides how the message failed. */
export interface RecipientState {
  /** The address was found unreachable (blocked the bot, left), by this message or a later one. */
  unreachable: boolean;
  optedOut: boolean;
  erased: boolean;
}

const REFUSAL_TEXTS: Record<RetryRefusal, string> = {
  customer_erased: "the customer's data was erased; nothing more is sent to them",
  customer_opted_out: 'the customer asked not to be surveyed any more',
  recipient_unreachable: 'the customer cannot be reached on this channel (blocked the bot, left, or the address is refused); a retry would fail the same way',
  message_rejected: 'the platform refused this message as it is; a retry would be refused again',
};

/**
 * Whether a failed message may be sent again, and if not, why. A retry can cure what changed
 * since (an outage over, a rate limit past, credentials fixed, an unexplained failure); it
 * cannot bring back a customer who blocked the bot, opted out or was erased, nor make the
 * platform take a message it refused as malformed.
 */
export function retryRefusalOf(failure: DeliveryFailure | null, recipient: RecipientState): RetryRefusal | null {
  if (recipient.erased || failure?.category === 'erased') return 'customer_erased';
  if (recipient.optedOut) return 'customer_opted_out';
  if (recipient.unreachable || failure?.category === 'recipient_blocked') return 'recipient_unreachable';
  if (failure?.category === 'rejected') return 'message_rejected';
  return null;
}

/** A refusal in one sentence of ours, for the API's answer. */
export function retryRefusalText(refusal: RetryRefusal): string {
  return REFUSAL_TEXTS[refusal];
}
