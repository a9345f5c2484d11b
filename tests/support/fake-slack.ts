import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeHttpServer } from './fake-http-server';

/** One Web API call the fake received. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  status: number;
  ts?: string;
  at: number;
}

/**
 * A local Slack Web API (`POST /api/<method>`, form-encoded or JSON, bearer token; answering
 * `{ ok, ... }` or `{ ok: false, error }`, and 429 with `Retry-After`), for the official
 * client pointed at it by SLACK_API_URL.
 */
export class FakeSlack extends FakeHttpServer {
  readonly calls: SlackCall[] = [];
  /** Conversations that are gone: `channel_not_found`. */
  readonly gone = new Set<string>();
  private rateLimits: number[] = [];
  private nextTs = 1_700_000_000;

  private constructor(private readonly token: string) {
    super();
  }

  static async start(token: string): Promise<FakeSlack> {
    const fake = new FakeSlack(token);
    await fake.listen('/api/');
    return fake;
  }


  rateLimit(...retryAfterSeconds: number[]): void {
    this.rateLimits.push(...retryAfterSeconds);
  }

  posted(channel: string): SlackCall[] {
    return this.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200 && c.ts && c.args.channel === channel);
  }

  protected handle(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const args = (req.headers['content-type'] ?? '').includes('json')
      ? (JSON.parse(raw || '{}') as Record<string, unknown>)
      : Object.fromEntries([...new URLSearchParams(raw)].map(([k, v]) => [k, /^[[{]/.test(v) ? (JSON.parse(v) as unknown) : v]));
    const method = /^\/api\/([\w.]+)$/.exec(req.url ?? '')?.[1] ?? '';
    const call: SlackCall = { method, args, status: 200, at: Date.now() };
    this.calls.push(call);
    const reply = (body: Record<string, unknown>, status = 200, headers: Record<string, string> = {}) => {
      call.status = status;
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${this.token}`) return reply({ ok: false, error: 'invalid_auth' });
    const wait = method.startsWith('chat.') ? this.rateLimits.shift() : undefined;
    if (wait) return reply({ ok: false, error: 'ratelimited' }, 429, { 'Retry-After': String(wait) });
    if (this.gone.has(String(args.channel))) return reply({ ok: false, error: 'channel_not_found' });
    if (method === 'chat.postMessage') {
      call.ts = `${this.nextTs++}.000100`;
      return reply({ ok: true, channel: args.channel, ts: call.ts, message: { text: args.text, ts: call.ts } });
    }
    if (method === 'chat.update') return reply({ ok: true, channel: args.channel, ts: args.ts, text: args.text });
    if (method === 'auth.test') return reply({ ok: true, user_id: 'U0BOT', team_id: 'T061EG9R6', bot_id: 'B0PNCHHK2' });
    return reply({ ok: false, error: 'unknown_method' });
  }
}
