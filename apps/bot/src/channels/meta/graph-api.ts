import { BadCredentialsError, type ChannelSendError, RateLimitedError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../send-errors';

/*
 * Meta's Graph API as the messengers on it (Messenger's Send API, WhatsApp's Cloud API) are
 * called: one POST with the access token, and its failures read into what the outbox should
 * do. Error codes: https://developers.facebook.com/docs/messenger-platform/reference/send-api/error-codes
 * and https://developers.facebook.com/docs/messenger-platform/error-codes, WhatsApp's
 * https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes; rate limits:
 * https://developers.facebook.com/docs/graph-api/overview/rate-limiting and
 * https://developers.facebook.com/docs/whatsapp/throughput.
 */

/** One Graph API call. */
export interface GraphPost {
  /** The API root with its version, `https://graph.facebook.com/v21.0`. */
  apiUrl: string;
  accessToken: string;
  /** `/me/messages`. */
  path: string;
  body: unknown;
  /** What the call does, for the error's detail: `send`. */
  what: string;
}

/** The `error` object of a Graph API failure. */
export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
}

/** Well inside the outbox lease (15 s), so a hung call never lets two processes send one message. */
const TIMEOUT_MS = 10_000;
/** Meta names no wait for most throttles; a minute lets a per-second or per-thread limit pass. */
const DEFAULT_WAIT_SECONDS = 60;

/**
 * Posts to the Graph API with the token in `Authorization: Bearer` (kept out of URLs, and so out
 * of proxies' logs); answers the parsed JSON, or throws the `ChannelSendError` saying what to do.
 */
export async function graphPost<T>(call: GraphPost): Promise<T> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${call.apiUrl.replace(/\/+$/, '')}${call.path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${call.accessToken}` },
      body: JSON.stringify(call.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    throw new TemporarySendError(`${call.what}: network: ${(error as Error).message}`);
  }
  const json = parsed(text);
  const error = graphErrorOf(json);
  if (response.ok && !error) {
    if (json === undefined) throw new TemporarySendError(`${call.what}: HTTP ${response.status} without a JSON body`);
    return json as T;
  }
  throw graphSendError(response.status, error, response.headers, call.what);
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The `error` of a Graph API answer, its fields of the kinds Meta sends them; undefined when it has none. */
export function graphErrorOf(json: unknown): GraphError | undefined {
  const error = (json as { error?: unknown } | null | undefined)?.error;
  if (!error || typeof error !== 'object') return undefined;
  const { message, type, code, error_subcode } = error as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const number = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? v : typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : undefined);
  return { message: text(message), type: text(type), code: number(code), error_subcode: number(error_subcode) };
}

/**
 * Throttles: 4 the app's calls, 17 the user's, 32 the Page's, 613 a rate of this API; WhatsApp's
 * 80007 the business account's calls, and the two below with waits of their own.
 */
const THROTTLED = new Set([4, 17, 32, 613, 80007]);
/**
 * WhatsApp's throttles that name their own pace: 130429 the phone number's throughput (80
 * messages a second by default) is reached, a moment passes it; 131056 the pair rate, too many
 * messages to one customer in a short time (about one every 6 seconds after a burst).
 */
const WHATSAPP_WAIT_SECONDS: ReadonlyMap<number, number> = new Map([
  [130429, 2],
  [131056, 6],
]);
/**
 * Code 10, "This message is sent outside of allowed window": 2018278 the 24-hour standard
 * messaging window, 2018065 and 2534022 its older and Instagram forms. The message cannot be
 * sent now; it is no sign the customer is gone (their next message opens the window again).
 */
const OUTSIDE_WINDOW = new Set([2018278, 2018065, 2534022]);

/**
 * What a failed Graph API call means for the outbox. The detail names the call, the HTTP status,
 * Meta's code and subcode and its message (never the recipient or the text sent).
 */
export function graphSendError(status: number, error: GraphError | undefined, headers: Headers | undefined, what: string): ChannelSendError {
  const code = error?.code;
  const subcode = error?.error_subcode;
  const codes = code === undefined ? '' : ` (#${code}${subcode === undefined ? '' : `/${subcode}`})`;
  const detail = `${what}: HTTP ${status}${codes}${error?.message ? ` ${error.message.slice(0, 300)}` : ''}`;
  const ownWait = code === undefined ? undefined : WHATSAPP_WAIT_SECONDS.get(code);
  if (ownWait !== undefined) return new RateLimitedError(retryAfterOf(headers) ?? ownWait, detail);
  if (status === 429 || (code !== undefined && THROTTLED.has(code))) return new RateLimitedError(waitSecondsOf(headers), detail);
  if ((code === 10 && subcode !== undefined && OUTSIDE_WINDOW.has(subcode)) || code === 131047) {
    // The detail first, as every send error has it (the deliveries API reads the HTTP status there).
    return new RejectedMessageError(`${detail}; outside the 24-hour window: the customer's last message was more than 24 hours ago, and a message is taken only within 24 hours of it (after they write again)`);
  }
  if (code === 131049) {
    // Not the customer's refusal, and not for ever: Meta holds back a business's messages to one person for a while.
    return new RejectedMessageError(`${detail}; Meta chose not to deliver it, to keep the person from receiving too many business messages; a later message may pass`);
  }
  if (isUnreachable(code, subcode)) return new RecipientUnreachableError(detail);
  if (isRefusedCredential(code, status)) return new BadCredentialsError(detail);
  // 1200 "Temporary send message failure"; 1 and 2 an unknown or unexpected error, WhatsApp's 131000 "Something went wrong" and 131016 "Service unavailable", to be retried.
  if (status >= 500 || code === 1 || code === 2 || code === 1200 || code === 131000 || code === 131016) return new TemporarySendError(detail);
  return new RejectedMessageError(detail);
}

/**
 * The token or the sender is refused until an operator fixes them: 190 "Invalid OAuth access
 * token" (expired, revoked, the password changed), 230 the token lacks pages_messaging, WhatsApp's
 * 0 "AuthException", 131031 the business account locked, 133010 the phone number not registered.
 */
function isRefusedCredential(code: number | undefined, status: number): boolean {
  return code === 190 || code === 230 || code === 0 || code === 131031 || code === 133010 || status === 401;
}

/**
 * The person cannot be messaged from this Page any more: 551 and 1545041 "This person isn't
 * available right now" (blocked the Page, deactivated), 10/2018108 "This person isn't receiving
 * messages from you right now", 100/2018001 "No matching user found" (the PSID belongs to no one);
 * WhatsApp's 131026 "Message undeliverable" (the number is not on WhatsApp, or its owner has not
 * accepted WhatsApp's terms or blocked the business).
 */
function isUnreachable(code: number | undefined, subcode: number | undefined): boolean {
  return code === 551 || subcode === 1545041 || (code === 10 && subcode === 2018108) || (code === 100 && subcode === 2018001) || code === 131026;
}

/**
 * How long to wait after a throttle: `Retry-After` when given; else the longest
 * `estimated_time_to_regain_access` (minutes) of `X-Business-Use-Case-Usage`, the header Page
 * tokens' business use case limits are reported in; else a minute.
 */
export function waitSecondsOf(headers: Headers | undefined): number {
  const retryAfter = retryAfterOf(headers);
  if (retryAfter !== undefined) return retryAfter;
  const usage = parsed(headers?.get('x-business-use-case-usage') ?? '');
  const minutes = usage && typeof usage === 'object'
    ? Object.values(usage as Record<string, unknown>)
        .flatMap((entries): unknown[] => (Array.isArray(entries) ? (entries as unknown[]) : []))
        .map((entry) => Number((entry as { estimated_time_to_regain_access?: unknown } | null)?.estimated_time_to_regain_access))
        .filter((n) => Number.isFinite(n) && n > 0)
    : [];
  return minutes.length ? Math.min(Math.max(...minutes) * 60, 86_400) : DEFAULT_WAIT_SECONDS;
}

/** `Retry-After` in whole seconds (at most a day), or undefined when Meta sent none. */
function retryAfterOf(headers: Headers | undefined): number | undefined {
  const retryAfter = Number(headers?.get('retry-after') ?? NaN);
  return Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(Math.ceil(retryAfter), 86_400) : undefined;
}
