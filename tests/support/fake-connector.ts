import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeHttpServer } from './fake-http-server';

/** One activity the bot sent. */
export interface ConnectorCall {
  conversationId: string;
  activity: Record<string, unknown>;
  status: number;
  at: number;
}

/**
 * A local Bot Framework connector (the `serviceUrl` of an activity): takes
 * `POST /v3/conversations/{id}/activities[/{replyToId}]` as the Bot Connector API does, and
 * can answer 429 with `Retry-After` or 403 for a conversation whose user blocked the bot.
 */
export class FakeConnector extends FakeHttpServer {
  readonly calls: ConnectorCall[] = [];
  readonly blocked = new Set<string>();
  private throttled: number[] = [];
  private next = 1;

  static async start(): Promise<FakeConnector> {
    const fake = new FakeConnector();
    await fake.listen('/');
    return fake;
  }


  /** The next sends answer 429 with this Retry-After, one per entry. */
  throttle(...retryAfterSeconds: number[]): void {
    this.throttled.push(...retryAfterSeconds);
  }

  delivered(conversationId: string): ConnectorCall[] {
    return this.calls.filter((c) => c.conversationId === conversationId && c.status === 200);
  }

  protected handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(req.url ?? '');
    const conversationId = decodeURIComponent(match?.[1] ?? '');
    const activity = JSON.parse(body || '{}') as Record<string, unknown>;
    const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      this.calls.push({ conversationId, activity, status, at: Date.now() });
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    if (!match || req.method !== 'POST') return answer(404, { error: { code: 'NotFound', message: 'Unknown route' } });
    const wait = this.throttled.shift();
    if (wait) return answer(429, { error: { code: 'Throttled', message: 'Too many requests' } }, { 'Retry-After': String(wait) });
    if (this.blocked.has(conversationId)) return answer(403, { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } });
    return answer(200, { id: `activity-${this.next++}` });
  }
}
