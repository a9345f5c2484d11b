import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeHttpServer } from './fake-http-server';

/** One message the fake accepted or refused. */
export interface TurboSmsMessage {
  /** TurboSMS's message id; absent when the recipient was refused. */
  id?: string;
  /** The recipient as sent: digits, no "+". */
  to: string;
  sender: string;
  text: string;
  /** What `message/status.json` answers for it (Queued, Sent, Delivered, Undelivered...). */
  status: string;
  at: number;
}

/** Where TurboSMS's panel would post webhooks, and the secret key set beside it. */
export interface TurboSmsWebhook {
  url: string;
  secret: string;
}

/**
 * A local TurboSMS HTTP API (`POST /message/send.json` and `/message/status.json`, JSON with
 * `Authorization: Bearer`, answering `{ response_code, response_status, response_result }`),
 * for TurboSms pointed at it by TURBOSMS_API_URL. With `webhook` set it posts DLR_SMS_API
 * events signed as TurboSMS signs them (hex SHA1 of the secret and the event id).
 */
export class FakeTurboSms extends FakeHttpServer {
  readonly messages: TurboSmsMessage[] = [];
  /** Numbers (digits, no "+") on the stop list: per recipient 404 NOT_ALLOWED_NUMBER_STOPLIST. */
  readonly stoplisted = new Set<string>();
  /** Numbers TurboSMS cannot place: per recipient 305 INVALID_PHONE. */
  readonly invalid = new Set<string>();
  /** The webhook set in the panel; unset, reports are only polled. */
  webhook?: TurboSmsWebhook;
  private rateLimits: number[] = [];
  private events = 0;

  private constructor(private readonly token: string) {
    super();
  }

  static async start(token: string): Promise<FakeTurboSms> {
    const fake = new FakeTurboSms(token);
    await fake.listen();
    return fake;
  }

  /** The next calls are answered HTTP 429 with these Retry-After seconds, one each. */
  rateLimit(...retryAfterSeconds: number[]): void {
    this.rateLimits.push(...retryAfterSeconds);
  }

  /** Messages accepted, to one number (E.164 or digits) or all. */
  sent(to?: string): TurboSmsMessage[] {
    return this.messages.filter((m) => m.id && (to === undefined || m.to === to.replace(/^\+/, '')));
  }

  /**
   * Sets a message's status (as polling will see it) and, with a webhook, posts the signed
   * DLR_SMS_API event; answers the HTTP status Turbota gave (undefined without a webhook).
   */
  async report(id: string, status: string, options: { signature?: string } = {}): Promise<number | undefined> {
    const message = this.messages.find((m) => m.id === id);
    if (!message) throw new Error(`FakeTurboSms: no message ${id}`);
    message.status = status;
    if (!this.webhook) return undefined;
    const eventId = `${++this.events}`;
    const signature = options.signature ?? createHash('sha1').update(this.webhook.secret + eventId).digest('hex');
    const response = await fetch(this.webhook.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: eventId, signature, type: 'DLR_SMS_API', date: turboSmsTime(), try: 1, data: { message_id: id, recipient: message.to, status, dlr_date: turboSmsTime() } }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  protected handle(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const reply = (code: number, status: string, result: unknown = null, http = 200, headers: Record<string, string> = {}): void => {
      res.writeHead(http, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify({ response_code: code, response_status: status, response_result: result }));
    };
    if (req.headers.authorization !== `Bearer ${this.token}`) return reply(105, 'REQUIRED_AUTH');
    const wait = this.rateLimits.shift();
    if (wait) return reply(999, 'FATAL_ERROR', null, 429, { 'Retry-After': String(wait) });
    let body: { recipients?: unknown; sms?: { sender?: unknown; text?: unknown }; messages?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return reply(502, 'FAILED_PARSE_BODY');
    }
    if (req.url === '/message/send.json') return this.send(body, reply);
    if (req.url === '/message/status.json') return this.statuses(body.messages, reply);
    return reply(300, 'INVALID_REQUEST');
  }

  private send(body: { recipients?: unknown; sms?: { sender?: unknown; text?: unknown } }, reply: (code: number, status: string, result?: unknown) => void): void {
    const sender = typeof body.sms?.sender === 'string' ? body.sms.sender : '';
    const text = typeof body.sms?.text === 'string' ? body.sms.text : '';
    if (!sender) return reply(200, 'REQUIRED_MESSAGE_SENDER');
    if (!text) return reply(201, 'REQUIRED_MESSAGE_TEXT');
    if (!Array.isArray(body.recipients) || body.recipients.length === 0) return reply(202, 'REQUIRED_MESSAGE_RECIPIENT');
    const results = (body.recipients as unknown[]).map((recipient) => {
      const phone = String(recipient);
      const message: TurboSmsMessage = { to: phone, sender, text, status: 'Queued', at: Date.now() };
      this.messages.push(message);
      if (this.stoplisted.has(phone)) return { phone, response_code: 404, message_id: null, response_status: 'NOT_ALLOWED_NUMBER_STOPLIST' };
      if (this.invalid.has(phone) || !/^\d{10,15}$/.test(phone)) return { phone, response_code: 305, message_id: null, response_status: 'INVALID_PHONE' };
      message.id = randomUUID();
      return { phone, response_code: 0, message_id: message.id, response_status: 'OK' };
    });
    const accepted = results.filter((r) => r.response_code === 0).length;
    // Refused recipients are said per recipient, under a partial success, as the API does.
    if (accepted === results.length) return reply(800, 'SUCCESS_MESSAGE_ACCEPTED', results);
    return reply(802, 'SUCCESS_MESSAGE_PARTIAL_ACCEPTED', results);
  }

  private statuses(ids: unknown, reply: (code: number, status: string, result?: unknown) => void): void {
    if (!Array.isArray(ids) || ids.length === 0) return reply(300, 'INVALID_REQUEST');
    reply(0, 'OK', (ids as unknown[]).map((id) => {
      const message = this.messages.find((m) => m.id !== undefined && m.id === id);
      if (!message) return { message_id: id, response_code: 414, response_status: 'NOT_ALLOWED_MESSAGE_ID' };
      const sent = new Date(message.at).toISOString().replace('T', ' ').slice(0, 19);
      return { message_id: id, response_code: 0, recipient: message.to, sent, updated: turboSmsTime(), status: message.status, type: 'sms', rejected_status: '', response_status: 'OK' };
    }));
  }
}

/** A date as TurboSMS writes it, `YYYY-MM-DD HH:MM:SS` (Kyiv time there; UTC here, which no test reads). */
function turboSmsTime(): string {
  return new Date().toISOString().replace('T', ' ').slice(0, 19);
}
