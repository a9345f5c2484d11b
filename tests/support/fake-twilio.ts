import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeHttpServer } from './fake-http-server';

/** One message the fake accepted or refused. */
export interface TwilioMessage {
  /** Twilio's `SM…` id; absent when the message was refused. */
  sid?: string;
  to: string;
  /** `From`, or the `MessagingServiceSid` it was sent through. */
  from: string;
  text: string;
  statusCallback?: string;
  /** The HTTP status the fake answered. */
  status: number;
  at: number;
}

/**
 * A local Twilio Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json`, form-encoded,
 * HTTP Basic sid:token; answering 201 with the message resource, or Twilio's error body
 * `{ code, message, more_info, status }`), for TwilioSms pointed at it by TWILIO_API_URL.
 * It posts status callbacks and inbound messages signed as Twilio signs them.
 */
export class FakeTwilio extends FakeHttpServer {
  readonly messages: TwilioMessage[] = [];
  /** Numbers that replied STOP: error 21610. */
  readonly unsubscribed = new Set<string>();
  /** Numbers that are not valid: error 21211. */
  readonly invalid = new Set<string>();
  private rateLimits: number[] = [];
  /** How long an accepted message waits for its answer: Twilio has taken it (it is sent) while the caller waits. */
  latencyMs = 0;

  private constructor(readonly accountSid: string, private readonly authToken: string) {
    super();
  }

  static async start(accountSid: string, authToken: string): Promise<FakeTwilio> {
    const fake = new FakeTwilio(accountSid, authToken);
    await fake.listen();
    return fake;
  }

  /** The next sends are answered 429 with these Retry-After seconds, one each. */
  rateLimit(...retryAfterSeconds: number[]): void {
    this.rateLimits.push(...retryAfterSeconds);
  }

  /** Messages accepted, to one number or all. */
  sent(to?: string): TwilioMessage[] {
    return this.messages.filter((m) => m.sid && (to === undefined || m.to === to));
  }

  /**
   * Posts a signed status callback for a sent message to the StatusCallback it was sent with
   * (`errorCode` as Twilio adds it to `failed`/`undelivered`); answers the HTTP status Turbota gave.
   * `via`: where it is posted instead (the server behind the public address), signed for the StatusCallback all the same.
   */
  async report(sid: string, status: string, options: { errorCode?: number; signature?: string; via?: string } = {}): Promise<number> {
    const message = this.messages.find((m) => m.sid === sid);
    if (!message?.statusCallback) throw new Error(`FakeTwilio: no status callback for ${sid}`);
    const params: Record<string, string> = {
      AccountSid: this.accountSid,
      ApiVersion: '2010-04-01',
      From: message.from,
      MessageSid: sid,
      MessageStatus: status,
      SmsSid: sid,
      SmsStatus: status,
      To: message.to,
      ...(options.errorCode ? { ErrorCode: String(options.errorCode) } : {}),
    };
    const signature = options.signature ?? this.sign(message.statusCallback, params);
    return this.post(options.via ?? message.statusCallback, params, signature);
  }

  /** Posts a signed inbound message from a customer (a reply such as STOP) to Turbota's route at `url` (or `via` it, signed for `url`). */
  async inbound(url: string, from: string, text: string, options: { to?: string; via?: string } = {}): Promise<number> {
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const params = { AccountSid: this.accountSid, ApiVersion: '2010-04-01', Body: text, From: from, MessageSid: sid, NumMedia: '0', SmsMessageSid: sid, SmsSid: sid, SmsStatus: 'received', To: options.to ?? '+15005550006' };
    return this.post(options.via ?? url, params, this.sign(url, params));
  }

  /** Twilio's signature: base64 HMAC-SHA1 with the auth token of the URL and each parameter's name and value, sorted by name. */
  sign(url: string, params: Record<string, string>): string {
    const data = Object.keys(params).sort().reduce((acc, name) => acc + name + params[name], url);
    return createHmac('sha1', this.authToken).update(data, 'utf8').digest('base64');
  }

  private async post(url: string, params: Record<string, string>, signature = this.sign(url, params)): Promise<number> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature, 'User-Agent': 'TwilioProxy/1.1' },
      body: new URLSearchParams(params),
    });
    await response.arrayBuffer();
    return response.status;
  }

  protected handle(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const form = new URLSearchParams(raw);
    const message: TwilioMessage = {
      to: form.get('To') ?? '',
      from: form.get('From') ?? form.get('MessagingServiceSid') ?? '',
      text: form.get('Body') ?? '',
      statusCallback: form.get('StatusCallback') ?? undefined,
      status: 0,
      at: Date.now(),
    };
    const reply = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void => {
      message.status = status;
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    const error = (status: number, code: number, text: string, headers: Record<string, string> = {}): void =>
      reply(status, { code, message: text, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers);
    if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${this.accountSid}/Messages.json`) return error(404, 20404, 'The requested resource was not found');
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return error(401, 20003, 'Authenticate');
    this.messages.push(message);
    const wait = this.rateLimits.shift();
    if (wait) return error(429, 20429, 'Too Many Requests', { 'Retry-After': String(wait) });
    if (!message.from) return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required.");
    if (!message.text) return error(400, 21602, 'Message body is required.');
    if (this.invalid.has(message.to) || !/^\+[1-9]\d{6,14}$/.test(message.to)) return error(400, 21211, `The 'To' number ${message.to} is not a valid phone number.`);
    if (this.unsubscribed.has(message.to)) return error(400, 21610, 'Attempt to send to unsubscribed recipient');
    message.sid = `SM${randomBytes(16).toString('hex')}`;
    const now = new Date().toUTCString();
    const accepted = () => reply(201, {
      account_sid: this.accountSid,
      api_version: '2010-04-01',
      body: message.text,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: form.get('From'),
      messaging_service_sid: form.get('MessagingServiceSid'),
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid: message.sid,
      status: form.get('MessagingServiceSid') ? 'accepted' : 'queued',
      to: message.to,
      uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${message.sid}.json`,
    });
    if (this.latencyMs > 0) setTimeout(accepted, this.latencyMs);
    else accepted();
  }
}
