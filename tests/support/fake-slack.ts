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
 * The Slack users the tests press buttons and type commands as (supervisors in every suite,
 * the fuzzer's fifty users included): members of every channel unless a test says otherwise.
 */
export const TEST_SUPERVISORS: readonly string[] = ['U0OLENA', 'U0IRYNA', 'U0FORGED', 'U0FUZZ', ...Array.from({ length: 50 }, (_, i) => `U0FUZZ${i}`)];

/**
 * A local Slack Web API (`POST /api/<method>`, form-encoded or JSON, bearer token; answering
 * `{ ok, ... }` or `{ ok: false, error }`, and 429 with `Retry-After`), for the official
 * client pointed at it by SLACK_API_URL: chat.postMessage (threads too), chat.update,
 * chat.postEphemeral, views.open, views.publish, auth.test, conversations.members (paged),
 * usergroups.users.list, users.info; and response_urls. Every call is recorded.
 */
export class FakeSlack extends FakeHttpServer {
  readonly calls: SlackCall[] = [];
  /** Conversations that are gone: `channel_not_found`. */
  readonly gone = new Set<string>();
  /** Members of a channel; a channel not set here has {@link TEST_SUPERVISORS}. */
  readonly channelMembers = new Map<string, string[]>();
  /** Members of a user group (by id); a group not set here does not exist (`no_such_subteam`). */
  readonly userGroups = new Map<string, string[]>();
  /** E-mails of Slack users for `users.info` (profile.email); a user not set here is `user_not_found`. */
  readonly userEmails = new Map<string, string | null>();
  /** Socket Mode's `apps.connections.open` (it takes the app-level token), when a FakeSlackSocket serves it. */
  connectionsOpen?: (authorization: string | undefined) => Record<string, unknown>;
  /** Methods that fail while listed here, as Slack does when it is down (`fatal_error`). */
  readonly failing = new Set<string>();
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

  /** Messages posted in the channel itself, not into a thread. */
  topLevel(channel: string): SlackCall[] {
    return this.posted(channel).filter((c) => c.args.thread_ts === undefined);
  }

  /** Replies posted into the thread of one message. */
  thread(channel: string, ts: string): SlackCall[] {
    return this.posted(channel).filter((c) => c.args.thread_ts === ts);
  }

  /** Successful in-place updates of one message. */
  updates(channel: string, ts: string): SlackCall[] {
    return this.calls.filter((c) => c.method === 'chat.update' && c.status === 200 && c.args.channel === channel && c.args.ts === ts);
  }

  /** Modals opened. */
  views(): SlackCall[] {
    return this.calls.filter((c) => c.method === 'views.open' && c.status === 200);
  }

  /** App Home views published for one user (`views.publish`), oldest first. */
  homes(userId: string): SlackCall[] {
    return this.calls.filter((c) => c.method === 'views.publish' && c.status === 200 && c.args.user_id === userId);
  }

  /** A response_url as Slack puts in an interaction payload; what is posted to it is recorded as method `response:<id>`. */
  responseUrl(id: string): string {
    return `${this.url.replace(/\/api\/$/, '')}/response/${id}`;
  }

  responses(id: string): SlackCall[] {
    return this.calls.filter((c) => c.method === `response:${id}`);
  }

  /** Ephemeral messages posted through chat.postEphemeral. */
  ephemerals(): SlackCall[] {
    return this.calls.filter((c) => c.method === 'chat.postEphemeral' && c.status === 200);
  }

  /** Every call of one method, answered or not. */
  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private membersPage(channel: string, limit: number, cursor: unknown): Record<string, unknown> {
    return pageOf(this.channelMembers.get(channel) ?? TEST_SUPERVISORS, limit, cursor);
  }

  protected handle(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const parsed = (req.headers['content-type'] ?? '').includes('json')
      ? (JSON.parse(raw || '{}') as Record<string, unknown>)
      : Object.fromEntries([...new URLSearchParams(raw)].map(([k, v]) => [k, /^[[{]/.test(v) ? jsonOrText(v) : v]));
    // A token in the body is a credential, as Slack takes it (the official client sends a call's own token there too), not an argument.
    const { token: bodyToken, ...args } = parsed;
    const authorization = req.headers.authorization ?? (typeof bodyToken === 'string' ? `Bearer ${bodyToken}` : undefined);
    const response = /^\/response\/([\w-]+)$/.exec(req.url ?? '')?.[1];
    const method = response ? `response:${response}` : (/^\/api\/([\w.]+)$/.exec(req.url ?? '')?.[1] ?? '');
    const call: SlackCall = { method, args, status: 200, at: Date.now() };
    this.calls.push(call);
    const reply = (body: Record<string, unknown>, status = 200, headers: Record<string, string> = {}) => {
      call.status = status;
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    // A response_url carries its own secret in the path; Slack asks no token for it.
    if (response) return reply({ ok: true });
    if (method === 'apps.connections.open' && this.connectionsOpen) return reply(this.connectionsOpen(authorization));
    if (authorization !== `Bearer ${this.token}`) return reply({ ok: false, error: 'invalid_auth' });
    const wait = method.startsWith('chat.') ? this.rateLimits.shift() : undefined;
    if (wait) return reply({ ok: false, error: 'ratelimited' }, 429, { 'Retry-After': String(wait) });
    if (this.failing.has(method)) return reply({ ok: false, error: 'fatal_error' });
    if (this.gone.has(String(args.channel))) return reply({ ok: false, error: 'channel_not_found' });
    if (method === 'conversations.members') return reply(this.membersPage(String(args.channel), Number(args.limit ?? 100), args.cursor));
    if (method === 'usergroups.users.list') {
      const users = this.userGroups.get(String(args.usergroup));
      return reply(users ? { ok: true, users } : { ok: false, error: 'no_such_subteam' });
    }
    if (method === 'chat.postEphemeral') {
      if (!args.user || !args.channel) return reply({ ok: false, error: 'invalid_arguments' });
      return reply({ ok: true, message_ts: `${this.nextTs++}.000200` });
    }
    if (method === 'chat.postMessage') {
      call.ts = `${this.nextTs++}.000100`;
      return reply({ ok: true, channel: args.channel, ts: call.ts, message: { text: args.text, ts: call.ts } });
    }
    if (method === 'chat.update') return reply({ ok: true, channel: args.channel, ts: args.ts, text: args.text });
    if (method === 'views.open') {
      if (!args.trigger_id) return reply({ ok: false, error: 'invalid_arguments' });
      return reply({ ok: true, view: { id: `V${this.nextTs++}`, ...(args.view as object) } });
    }
    if (method === 'views.publish') {
      if (!args.user_id || !args.view) return reply({ ok: false, error: 'invalid_arguments' });
      return reply({ ok: true, view: { id: `V${this.nextTs++}`, ...args.view } });
    }
    if (method === 'users.info') {
      const user = String(args.user);
      if (!this.userEmails.has(user)) return reply({ ok: false, error: 'user_not_found' });
      const email = this.userEmails.get(user);
      return reply({ ok: true, user: { id: user, name: user.toLowerCase(), profile: email ? { email } : {} } });
    }
    if (method === 'auth.test') return reply({ ok: true, user_id: 'U0BOT', team_id: 'T061EG9R6', bot_id: 'B0PNCHHK2' });
    return reply({ ok: false, error: 'unknown_method' });
  }
}

/** A channel's members from the cursor on, `limit` at a time, with Slack's `next_cursor` ('' on the last page). */
function pageOf(members: readonly string[], limit: number, cursor: unknown): Record<string, unknown> {
  const from = typeof cursor === 'string' && cursor.startsWith('page:') ? Number(cursor.slice(5)) : 0;
  const size = Number.isInteger(limit) && limit > 0 ? Math.min(limit, 1000) : 100;
  const next = from + size < members.length ? `page:${from + size}` : '';
  return { ok: true, members: members.slice(from, from + size), response_metadata: { next_cursor: next } };
}

/** A form field Slack's client JSON-encodes (blocks), or a text that merely starts with a bracket. */
function jsonOrText(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
