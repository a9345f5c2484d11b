import { createHmac } from 'node:crypto';
import { sameSecret } from '@turbota/common';
import type { TwilioSmsConfig } from '@turbota/config';
import { MalformedRequestError, type WebhookRequest } from '../../channels/channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../../channels/send-errors';
import { SmsOptedOutError, type SmsMessage, type SmsProvider, type SmsReport, type SmsStatus } from './sms-provider';

/** What Twilio's `MessageStatus` says, as Turbota reads it; statuses not listed (inbound `received`) report nothing. */
const STATUSES: Record<string, SmsStatus> = {
  accepted: 'accepted',
  scheduled: 'accepted',
  queued: 'accepted',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

/** Twilio's error 21610: the recipient replied STOP to this sender, and Twilio refuses to write to them. */
const OPTED_OUT = 21610;
/** 21211: not a valid phone number; 21614: not a mobile number. */
const UNREACHABLE = new Set([21211, 21614]);

/**
 * Twilio's Messages API over plain fetch (the twilio package would bring a large SDK for one
 * call). Delivery reports come to the StatusCallback given with each message, signed with
 * the auth token.
 */
export class TwilioSms implements SmsProvider {
  readonly name = 'twilio';
  /** One long code sends 1 message a second; Twilio queues what comes faster, so faster only delays. */
  readonly perSecond = 1;

  constructor(private readonly settings: TwilioSmsConfig) {}

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const { accountSid, authToken, from, apiUrl } = this.settings;
    const form = new URLSearchParams({ To: message.to, Body: message.text });
    form.set(/^MG[0-9a-f]{32}$/i.test(from) ? 'MessagingServiceSid' : 'From', from);
    if (message.statusCallbackUrl) form.set('StatusCallback', message.statusCallbackUrl);
    let response: Response;
    try {
      response = await fetch(`${apiUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${accountSid}/Messages.json`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new TemporarySendError(`Twilio: ${(error as Error).name === 'TimeoutError' ? 'no answer in 10 s' : (error as Error).message}`);
    }
    const answer = await response.json().catch(() => ({})) as { sid?: unknown; code?: unknown; message?: unknown };
    if (response.ok && typeof answer.sid === 'string') return { providerMessageId: answer.sid };
    throw twilioError(response.status, Number(answer.code), response.headers.get('retry-after'));
  }

  /** `X-Twilio-Signature`: base64 HMAC-SHA1 with the auth token over the URL and each POST parameter's name and value, sorted by name. */
  verifyReport(request: WebhookRequest & { url: string }): boolean {
    const given = request.headers['x-twilio-signature'];
    if (typeof given !== 'string' || given === '') return false;
    const params = request.rawBody ? [...new URLSearchParams(request.rawBody.toString('utf8'))] : formFieldsOf(request.body);
    if (!params) return false;
    return sameSecret(given, twilioSignature(this.settings.authToken, request.url, params));
  }

  /** A status callback is one report; an inbound message on the same route is none (see `twilioOptOutOf`). */
  parseReports(body: unknown): SmsReport[] {
    const fields = fieldMap(body);
    const sid = fields.MessageSid ?? fields.SmsSid;
    if (!sid) throw new MalformedRequestError('Twilio: MessageSid is missing');
    const status = fields.MessageStatus ?? fields.SmsStatus;
    if (!status) {
      if (fields.From !== undefined) return [];
      throw new MalformedRequestError('Twilio: MessageStatus is missing');
    }
    const mapped = Object.hasOwn(STATUSES, status) ? STATUSES[status] : undefined;
    if (!mapped) return [];
    const code = fields.ErrorCode;
    return [{ providerMessageId: sid, status: mapped, ...(code ? { error: code } : {}), ...(Number(code) === OPTED_OUT ? { optedOut: true } : {}) }];
  }

  /** A customer's reply STOP, posted to the same route when the number's incoming messages point there. */
  optOutsOf(body: unknown): string[] {
    const from = twilioOptOutOf(body);
    return from ? [from] : [];
  }
}

/** Twilio's signature of a request: exported for the fake, which signs its status callbacks the same way. */
export function twilioSignature(authToken: string, url: string, params: [string, string][]): string {
  // Sorted by name only: repeated names keep the order they came in.
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHmac('sha1', authToken).update(url + sorted.map(([k, v]) => k + v).join(''), 'utf8').digest('base64');
}

/** An HTTP failure of Twilio, by what the caller should do; `code` is Twilio's error code from the body. */
export function twilioError(status: number, code: number, retryAfter: string | null): Error {
  const detail = `Twilio: HTTP ${status}${Number.isFinite(code) ? `, error ${code}` : ''}`;
  if (status === 429) return new RateLimitedError(retryAfterSeconds(retryAfter), detail);
  if (status === 401 || status === 403) return new BadCredentialsError(detail);
  if (code === OPTED_OUT) return new SmsOptedOutError(detail);
  if (UNREACHABLE.has(code)) return new RecipientUnreachableError(detail);
  if (status >= 400 && status < 500) return new RejectedMessageError(detail);
  return new TemporarySendError(detail);
}

// Twilio's default opt-out words, and the Ukrainian and Russian one.
const OPT_OUT_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'СТОП']);

/**
 * The sender's number (E.164) when a body posted to the Twilio route is an inbound message
 * asking to stop (the whole text one opt-out word, as Twilio matches them), else null. Twilio
 * blocks further messages to that number itself (error 21610); this lets Turbota record it.
 */
export function twilioOptOutOf(body: unknown): string | null {
  const pairs = formFieldsOf(body);
  if (!pairs) return null;
  const fields: Record<string, string | undefined> = Object.fromEntries(pairs);
  if (fields.MessageStatus !== undefined || !fields.From || !/^\+[1-9]\d{6,14}$/.test(fields.From)) return null;
  const word = (fields.Body ?? '').trim().replace(/[.!]+$/, '').toUpperCase();
  return OPT_OUT_WORDS.has(word) || fields.OptOutType === 'STOP' ? fields.From : null;
}

function retryAfterSeconds(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1;
}

/** A parsed form body's fields as pairs; undefined when it is not a form (Twilio posts only flat strings). */
function formFieldsOf(body: unknown): [string, string][] | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof item !== 'string') return undefined;
      pairs.push([name, item]);
    }
  }
  return pairs;
}

function fieldMap(body: unknown): Record<string, string | undefined> {
  const pairs = formFieldsOf(body);
  if (!pairs) throw new MalformedRequestError('Twilio: the body is not a form');
  return Object.fromEntries(pairs);
}
