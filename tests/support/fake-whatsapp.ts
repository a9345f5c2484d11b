import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeGraphApi, type GraphFailure } from './fake-graph-api';

/** One Cloud API `messages` call the fake received. */
export interface WhatsappCall {
  path: string;
  body: Record<string, unknown>;
  /** The recipient's number (`to`), as sent. */
  to?: string;
  /** `text`, `interactive` or `template`. */
  type?: string;
  /** The text's body, or the interactive message's body text. */
  text?: string;
  /** The reply buttons' or list rows' ids and titles, in order. */
  answers?: { id: string; title: string }[];
  status: number;
  /** The `wamid` answered, for a call that succeeded. */
  messageId?: string;
  at: number;
}

/** The failures a test asks for by name, with the Cloud API's codes. */
export const WHATSAPP_FAILURES = {
  /** The phone number's throughput is reached. */
  throughput: (retryAfterSeconds?: number): GraphFailure => ({ status: 400, code: 130429, message: '(#130429) Rate limit hit', ...(retryAfterSeconds ? { headers: { 'Retry-After': String(retryAfterSeconds) } } : {}) }),
  /** The number is not on WhatsApp, or its owner cannot receive the message. */
  undeliverable: (): GraphFailure => ({ status: 400, code: 131026, message: '(#131026) Message undeliverable' }),
  /** More than 24 hours since the customer last wrote. */
  outsideWindow: (): GraphFailure => ({ status: 400, code: 131047, message: '(#131047) Re-engagement message' }),
} as const;

/**
 * A local Graph API for WhatsApp's Cloud API (`POST /v21.0/<phone number id>/messages` with the
 * token as `Authorization: Bearer`), answering `{ messaging_product, contacts: [{ input, wa_id }],
 * messages: [{ id: 'wamid.…' }] }`, for the adapter pointed at it by WHATSAPP_API_URL. It refuses
 * a wrong token (190), another phone number id, what the Cloud API refuses of a message's
 * shape (a text over 4,096, a button title over 20, more than 3 buttons or 10 rows: 131009),
 * and answers what a test asks for, per recipient or for the next calls.
 */
export class FakeWhatsapp extends FakeGraphApi {
  readonly calls: WhatsappCall[] = [];
  /** Numbers (digits, as `to` is sent without its `+` or with it) every send to which fails so. */
  readonly failing = new Map<string, GraphFailure>();
  private nextId = 1;

  private constructor(
    private readonly accessToken: string,
    readonly phoneNumberId: string,
  ) {
    super();
  }

  static async start(accessToken: string, phoneNumberId: string): Promise<FakeWhatsapp> {
    const fake = new FakeWhatsapp(accessToken, phoneNumberId);
    await fake.listen('/v21.0');
    return fake;
  }

  /** Makes every send to the number fail so. */
  failFor(number: string, failure: GraphFailure): void {
    this.failing.set(digitsOf(number), failure);
  }

  /** Messages the Cloud API took, optionally to one number (in any form), in the order sent. */
  sent(number?: string): WhatsappCall[] {
    return this.calls.filter((c) => c.status === 200 && c.messageId !== undefined && (number === undefined || digitsOf(c.to ?? '') === digitsOf(number)));
  }

  protected handle(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = this.jsonOf(raw);
    const call: WhatsappCall = { path: url.pathname, body, to: typeof body.to === 'string' ? body.to : undefined, type: typeof body.type === 'string' ? body.type : undefined, ...contentOf(body), status: 200, at: Date.now() };
    this.calls.push(call);
    const { answer, fail } = this.replyTo(res, call, (failure) => ({ error_data: { messaging_product: 'whatsapp', details: failure.message } }));
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (token !== this.accessToken) return fail({ status: 401, code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
    if (req.method !== 'POST' || url.pathname !== `/v21.0/${this.phoneNumberId}/messages`) return fail({ status: 400, code: 100, message: 'Unsupported post request.' });
    const next = this.nextFailure();
    if (next) return fail(next);
    if (body.messaging_product !== 'whatsapp' || !call.to) return fail({ status: 400, code: 100, message: '(#100) The parameter messaging_product is required' });
    const failing = this.failing.get(digitsOf(call.to));
    if (failing) return fail(failing);
    const refused = shapeProblem(call);
    if (refused) return fail({ status: 400, code: 131009, message: `(#131009) Parameter value is not valid: ${refused}` });
    call.messageId = `wamid.HBgM${String(this.nextId++).padStart(10, '0')}`;
    return answer(200, { messaging_product: 'whatsapp', contacts: [{ input: call.to, wa_id: digitsOf(call.to) }], messages: [{ id: call.messageId }] });
  }
}

const digitsOf = (number: string) => number.replace(/\D/g, '');

/** The text and the answers of a `text` or `interactive` message. */
function contentOf(body: Record<string, unknown>): Pick<WhatsappCall, 'text' | 'answers'> {
  if (body.type === 'text') return { text: (body.text as { body?: string } | undefined)?.body };
  if (body.type !== 'interactive') return {};
  const interactive = body.interactive as { body?: { text?: string }; action?: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string }[] }[] } };
  const buttons = interactive.action?.buttons?.map((b) => b.reply);
  const rows = interactive.action?.sections?.flatMap((s) => s.rows);
  return { text: interactive.body?.text, answers: buttons ?? rows };
}

/** What the Cloud API would refuse of the message's shape, or undefined. */
function shapeProblem(call: WhatsappCall): string | undefined {
  if (call.type === 'template') return undefined;
  if (!call.text) return 'the body is empty';
  if (call.type === 'text') return call.text.length > 4096 ? 'text.body is longer than 4096' : undefined;
  if (call.text.length > 1024) return 'interactive.body.text is longer than 1024';
  const answers = call.answers ?? [];
  const isList = (call.body.interactive as { type?: string }).type === 'list';
  if (answers.length > (isList ? 10 : 3)) return 'too many answers';
  if (answers.some((a) => a.title.length > (isList ? 24 : 20))) return 'a title is too long';
  return undefined;
}
