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
