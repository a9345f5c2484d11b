import { createHash } from 'node:crypto';
import { sameSecret } from '@turbota/common';
import type { TurboSmsConfig } from '@turbota/config';
import { MalformedRequestError, type WebhookRequest } from '../../channels/channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../../channels/send-errors';
import { SmsOptedOutError, type SmsMessage, type SmsProvider, type SmsReport, type SmsStatus } from './sms-provider';

/** `response_code`s of a request (or of one recipient) that mean it was taken: OK, PONG, SUCCESS_MESSAGE_*. */
const ACCEPTED = new Set([0, 1, 800, 801, 802, 803]);
/** No or a wrong token (REQUIRED_TOKEN, REQUIRED_AUTH, INVALID_TOKEN), the sender name not registered or not paid for, the balance empty: nothing goes out until an operator acts. */
const ACCOUNT = new Set([103, 105, 106, 200, 203, 301, 302, 400, 401]);
/** INVALID_PHONE, NOT_ALLOWED_RECIPIENT_COUNTRY: this number cannot be written to. */
const UNREACHABLE = new Set([305, 406]);
/** NOT_ALLOWED_NUMBER_STOPLIST: the number is on TurboSMS's stop list. */
const STOPLIST = 404;
/** FAILED_CONVERT_RESULT2*, FAILED_SMS_SEND, FATAL_ERROR: TurboSMS's own failures, worth a retry. */
const TEMPORARY = new Set([500, 501, 503, 999]);

/**
 * Delivery statuses as TurboSMS writes them, lower-cased: the words of `message/status.json`
 * (Queued, Accepted, Sent, Delivered, Read, Expired, Undelivered, Rejected, Failed, Cancelled)
 * and SMPP's receipt states, which its reports also carry. Unknown and in-between states
 * report nothing.
 */
const STATUSES: Record<string, SmsStatus> = {
  queued: 'accepted',
  accepted: 'accepted',
  acceptd: 'accepted',
  enroute: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  delivrd: 'delivered',
  read: 'delivered',
  expired: 'failed',
  undelivered: 'failed',
  undeliv: 'failed',
  rejected: 'failed',
  rejectd: 'failed',
  failed: 'failed',
  cancelled: 'failed',
  deleted: 'failed',
};

/** The event of a webhook that reports an SMS sent through the HTTP API. */
const DLR_SMS_API = 'DLR_SMS_API';

interface TurboAnswer {
  response_code?: unknown;
  response_status?: unknown;
  response_result?: unknown;
}

/**
 * TurboSMS's HTTP API (api.turbosms.ua, bearer token, JSON). TurboSMS takes no callback URL
 * per message: delivery reports come from a webhook set once in its panel (JSON, event
 * DLR_SMS_API), signed with SHA1 of its secret key and the event id; `status` polls them instead.
 */
export class TurboSms implements SmsProvider {
  readonly name = 'turbosms';
  /** TurboSMS publishes no rate; one request may carry 5,000 recipients, so ten single ones a second is modest. */
  readonly perSecond = 10;

  constructor(private readonly settings: TurboSmsConfig) {}

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const recipient = message.to.replace(/^\+/, '');
    if (!/^\d{7,15}$/.test(recipient)) throw new RecipientUnreachableError('TurboSMS: not a phone number in E.164');
    const answer = await this.call('message/send.json', { recipients: [recipient], sms: { sender: this.settings.sender, text: message.text } });
    const result = Array.isArray(answer.response_result) ? (answer.response_result[0] as TurboAnswer & { message_id?: unknown } | undefined) : undefined;
    // Taken as a whole but naming no recipient: whether it went is unknown, so no retry (it could go twice).
    if (!result) throw new RejectedMessageError('TurboSMS: the answer names no recipient');
    const code = Number(result.response_code);
    if (ACCEPTED.has(code) && typeof result.message_id === 'string' && result.message_id) return { providerMessageId: result.message_id };
    throw turboSmsError(code, `recipient ${scalar(result.response_status) ?? ''}`.trim());
  }

  /**
   * The current state of sent messages, by polling `message/status.json`: ids TurboSMS does
   * not know, and states in between, report nothing.
   */
  async status(ids: string[]): Promise<SmsReport[]> {
    if (ids.length === 0) return [];
    const answer = await this.call('message/status.json', { messages: ids });
    const results = Array.isArray(answer.response_result) ? (answer.response_result as unknown[]) : [];
    return results.flatMap((item) => {
      const record = objectOf(item);
      if (!record || Number(record.response_code) !== 0) return [];
      return reportOf(record);
    });
  }

  /**
   * The webhook's `signature`: hex SHA1 of the secret key and the event `id`. TurboSMS does
   * not say in which order they are joined, so both are accepted (each needs the secret).
   * It signs the id alone, not the report: the caller should take each event id once.
   */
  verifyReport(request: WebhookRequest & { url: string }): boolean {
    const secret = this.settings.webhookSecret;
    const body = objectOf(request.body);
    if (!secret || !body) return false;
    const id = scalar(body.id);
    const signature = scalar(body.signature)?.toLowerCase();
    if (!id || !signature || !/^[0-9a-f]{40}$/.test(signature)) return false;
    const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');
    return sameSecret(signature, sha1(secret + id)) || sameSecret(signature, sha1(id + secret));
  }

  /** TurboSMS posts no customers' replies to this route: its stop list is answered at send time (code 404). */
  optOutsOf(): string[] {
    return [];
  }

  /** A DLR_SMS_API event is one report; other events (Viber, clicks) none. JSON, or FORM DATA with `data[field]` names. */
  parseReports(body: unknown): SmsReport[] {
    const event = objectOf(body);
    const type = event && scalar(event.type);
    if (!event || !type) throw new MalformedRequestError('TurboSMS: the webhook type is missing');
    if (type !== DLR_SMS_API) return [];
    const data = objectOf(event.data) ?? bracketFields(event);
    if (!data || !scalar(data.message_id)) throw new MalformedRequestError('TurboSMS: the report has no message_id');
    return reportOf(data);
  }

  /** One API call; answers the body when TurboSMS took the request as a whole, or throws what the caller should do. */
  private async call(path: string, body: unknown): Promise<TurboAnswer> {
    let response: Response;
    try {
      response = await fetch(`${this.settings.apiUrl.replace(/\/+$/, '')}/${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.settings.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new TemporarySendError(`TurboSMS: ${(error as Error).name === 'TimeoutError' ? 'no answer in 10 s' : (error as Error).message}`);
    }
    const answer = (await response.json().catch(() => undefined)) as TurboAnswer | undefined;
    if (response.status === 429) throw new RateLimitedError(Math.max(1, Number(response.headers.get('retry-after')) || 1), 'TurboSMS: HTTP 429');
    if (response.status === 401 || response.status === 403) throw new BadCredentialsError(`TurboSMS: HTTP ${response.status}`);
    if (!answer || typeof answer !== 'object') throw new TemporarySendError(`TurboSMS: HTTP ${response.status} without a JSON answer`);
    const code = Number(answer.response_code);
    if (ACCEPTED.has(code)) return answer;
    throw turboSmsError(code, scalar(answer.response_status) ?? `HTTP ${response.status}`);
  }
}

/** A TurboSMS `response_code` (of the request or of the recipient), by what the caller should do. */
export function turboSmsError(code: number, status: string): Error {
  const detail = `TurboSMS: ${Number.isFinite(code) ? `${code} ` : ''}${status}`;
  if (ACCOUNT.has(code)) return new BadCredentialsError(detail);
  if (code === STOPLIST) return new SmsOptedOutError(detail);
  if (UNREACHABLE.has(code)) return new RecipientUnreachableError(detail);
  if (TEMPORARY.has(code) || !Number.isFinite(code)) return new TemporarySendError(detail);
  return new RejectedMessageError(detail);
}

function reportOf(data: Record<string, unknown>): SmsReport[] {
  const id = scalar(data.message_id);
  const word = (scalar(data.status) ?? '').toLowerCase();
  const status = Object.hasOwn(STATUSES, word) ? STATUSES[word] : undefined;
  if (!id || !status) return [];
  const error = status === 'failed' ? (scalar(data.error_code) ?? scalar(data.rejected_status) ?? scalar(data.status)) : undefined;
  return [{ providerMessageId: id, status, ...(error ? { error } : {}) }];
}

/** A form-encoded webhook's `data[name]` fields, when the body parser left them flat. */
function bracketFields(event: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(event).flatMap(([name, value]) => {
    const field = /^data\[(\w+)\]$/.exec(name)?.[1];
    return field ? [[field, value] as const] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function scalar(value: unknown): string | undefined {
  return (typeof value === 'string' && value !== '') || typeof value === 'number' ? String(value) : undefined;
}
