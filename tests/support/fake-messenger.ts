import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeGraphApi, type GraphFailure } from './fake-graph-api';

/** One Send API call the fake received. */
export interface MessengerCall {
  path: string;
  body: Record<string, unknown>;
  /** The recipient's PSID. */
  recipient?: string;
  /** The message as sent: its text and quick replies. */
  message?: { text: string; quick_replies?: { content_type: string; title?: string; payload?: string }[] };
  status: number;
  /** The `message_id` answered, for a call that succeeded. */
  messageId?: string;
  at: number;
}

/** The failures a test asks for by name. */
export const GRAPH_FAILURES = {
  /** Calls to this API have exceeded the rate limit; waits `Retry-After` seconds. */
  rateLimited: (retryAfterSeconds: number): GraphFailure => ({ status: 429, code: 613, message: '(#613) Calls to this api have exceeded the rate limit.', headers: { 'Retry-After': String(retryAfterSeconds) } }),
  /** The person blocked the Page or deactivated their account. */
  blocked: (): GraphFailure => ({ status: 400, code: 551, subcode: 1545041, message: "(#551) This person isn't available right now." }),
  /** The customer's last message was more than 24 hours ago. */
  outsideWindow: (): GraphFailure => ({ status: 400, code: 10, subcode: 2018278, message: '(#10) This message is sent outside of allowed window.' }),
} as const;

/**
 * A local Graph API for Messenger's Send API (`POST /v21.0/me/messages`, the Page token as
 * `Authorization: Bearer` or `access_token`), answering `{ recipient_id, message_id }`, for
 * the adapter pointed at it by MESSENGER_API_URL. It refuses a wrong token (190) and a text
 * over 2,000 characters or more than 13 quick replies (100), and answers what a test asks for:
 * a rate limit, a blocked person, a message outside the 24-hour window.
 */
export class FakeMessenger extends FakeGraphApi {
  /** The Page's username, as `GET /me?fields=username` answers it. */
  static readonly PAGE_USERNAME = 'turbota.feedback';
  readonly calls: MessengerCall[] = [];
  /** PSIDs that blocked the Page: every send to them answers 551. */
  readonly blocked = new Set<string>();
  /** PSIDs whose last message is more than 24 hours old: sends answer 10/2018278. */
  readonly outsideWindow = new Set<string>();
  private nextId = 1;

  private constructor(private readonly pageToken: string) {
    super();
  }

  static async start(pageToken: string): Promise<FakeMessenger> {
    const fake = new FakeMessenger(pageToken);
    await fake.listen('/v21.0');
    return fake;
  }

  /** Messages Meta took, optionally to one PSID, in the order sent. */
  sent(psid?: string): MessengerCall[] {
    return this.calls.filter((c) => c.status === 200 && c.messageId !== undefined && (psid === undefined || c.recipient === psid));
  }

  protected handle(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = this.jsonOf(raw);
    const recipient = (body.recipient as { id?: string } | undefined)?.id;
    const call: MessengerCall = { path: url.pathname, body, recipient, message: body.message as MessengerCall['message'], status: 200, at: Date.now() };
    this.calls.push(call);
    const { answer, fail } = this.replyTo(res, call, (failure) => (failure.subcode ? { error_subcode: failure.subcode } : {}));
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? url.searchParams.get('access_token');
    if (token !== this.pageToken) return fail({ status: 401, code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
    // The Page itself, as a Page token reads it: what an m.me link names.
    if (req.method === 'GET' && url.pathname === '/v21.0/me') return answer(200, { username: FakeMessenger.PAGE_USERNAME, id: '102030405060708' });
    if (req.method !== 'POST' || url.pathname !== '/v21.0/me/messages') return fail({ status: 400, code: 100, message: 'Unsupported post request.' });
    const next = this.nextFailure();
    if (next) return fail(next);
    if (!recipient) return fail({ status: 400, code: 100, message: '(#100) The parameter recipient is required' });
    if (this.blocked.has(recipient)) return fail(GRAPH_FAILURES.blocked());
    if (this.outsideWindow.has(recipient)) return fail(GRAPH_FAILURES.outsideWindow());
    const message = call.message;
    if (!message || typeof message.text !== 'string' || !message.text) return fail({ status: 400, code: 100, message: '(#100) Message cannot be empty, must provide valid attachment or text' });
    if (message.text.length > 2000) return fail({ status: 400, code: 100, message: '(#100) Length of param message[text] must be less than or equal to 2000' });
    if ((message.quick_replies?.length ?? 0) > 13) return fail({ status: 400, code: 100, message: '(#100) param message[quick_replies] must have at most 13 elements' });
    call.messageId = `m_fake${String(this.nextId++).padStart(8, '0')}`;
    return answer(200, { recipient_id: recipient, message_id: call.messageId });
  }
}
