import { readFileSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { setupLinkFile } from '@turbota/people';
import type { TestApp } from './test-app';

/** The fields of the people API's JSON answers that tests read (each answer has some of them). */
export interface PeopleJson {
  message?: string;
  retryAfterSeconds?: number;
  needed?: boolean;
  kind?: string;
  id?: string;
  email?: string;
  displayName?: string;
  role?: string;
  status?: string;
  locale?: string | null;
  inviteUrl?: string;
  expiresAt?: string;
  emailed?: boolean;
  user?: PeopleJson;
}

/** An answer of the API as a browser page reads it. */
export interface PageAnswer<T = PeopleJson> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A browser at the console: it keeps the session cookie the server sets, sends it back, and
 * sends its page's origin with unsafe requests as browsers do. `address` is the client
 * address the server sees (through X-Forwarded-For; the app must trust the loopback proxy).
 */
export class ConsoleBrowser {
  cookie: string | undefined;

  constructor(
    readonly baseUrl: string,
    readonly options: { address?: string; origin?: string | null } = {},
  ) {}

  async call<T = PeopleJson>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<PageAnswer<T>> {
    const method = init.method ?? 'GET';
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.cookie) headers.Cookie = `turbota_session=${this.cookie}`;
    const origin = this.options.origin === undefined ? this.baseUrl : this.options.origin;
    if (method !== 'GET' && origin !== null) headers.Origin = origin;
    if (this.options.address) headers['X-Forwarded-For'] = this.options.address;
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers: { ...headers, ...init.headers }, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const set = sessionCookieOf(res.headers);
    if (set !== undefined) this.cookie = set || undefined;
    // An event stream stays open: a page's call reads its status and lets it go.
    if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
      await res.body?.cancel();
      return { status: res.status, body: {} as T, headers: res.headers };
    }
    const text = await res.text();
    const json = res.headers.get('content-type')?.startsWith('application/json') ?? false;
    return { status: res.status, body: (json ? JSON.parse(text) : {}) as T, headers: res.headers };
  }

  /** A second browser of the same person (the same cookie, its own requests). */
  copy(options: { address?: string; origin?: string | null } = this.options): ConsoleBrowser {
    const other = new ConsoleBrowser(this.baseUrl, options);
    other.cookie = this.cookie;
    return other;
  }
}

/** The value `Set-Cookie: turbota_session=...` gives ('' when it clears it), or undefined when not set. */
export function sessionCookieOf(headers: Headers): string | undefined {
  const line = headers.getSetCookie().find((c) => c.startsWith('turbota_session='));
  return line === undefined ? undefined : line.slice('turbota_session='.length).split(';')[0];
}

/** The setup link start-up wrote into DATA_DIR/setup-url, and its token. */
export function setupLinkOf(t: TestApp): { link: string; token: string } {
  const link = readFileSync(setupLinkFile(t.app.get<AppConfig>(APP_CONFIG).dataDir), 'utf8').trim();
  return { link, token: link.split('/').pop()! };
}

export const ADMIN = { email: 'admin@example.com', displayName: 'Ada Admin', password: 'admin-password-long-enough' };

/** Creates the first admin through the setup link and answers their signed-in browser. */
export async function firstAdmin(t: TestApp, options: { address?: string; origin?: string } = {}): Promise<ConsoleBrowser> {
  const browser = new ConsoleBrowser(t.url, options);
  const created = await browser.call('/api/v1/auth/setup', { method: 'POST', body: { token: setupLinkOf(t).token, ...ADMIN } });
  if (created.status !== 201) throw new Error(`Setup answered ${created.status}: ${JSON.stringify(created.body)}`);
  return browser;
}

/** Invites a person as the admin, accepts with a password, and answers their signed-in browser and id. */
export async function invitedPerson(
  admin: ConsoleBrowser,
  person: { email: string; displayName: string; role: string; password: string; locale?: string },
  options: { address?: string; origin?: string | null } = admin.options,
): Promise<{ browser: ConsoleBrowser; id: string; inviteUrl: string }> {
  const { password, ...invitation } = person;
  const invited = await admin.call('/api/v1/users', { method: 'POST', body: invitation });
  if (invited.status !== 201) throw new Error(`Invitation answered ${invited.status}: ${JSON.stringify(invited.body)}`);
  const inviteUrl = invited.body.inviteUrl!;
  const browser = new ConsoleBrowser(admin.baseUrl, options);
  const accepted = await browser.call(`/api/v1/auth/invitations/${inviteUrl.split('/').pop()}`, { method: 'POST', body: { password } });
  if (accepted.status !== 201) throw new Error(`Acceptance answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  return { browser, id: invited.body.user!.id!, inviteUrl };
}

/** A local SMTP server that keeps every message it receives, parsed. */
export class MailCatcher {
  readonly received: ParsedMail[] = [];
  /** Recipients whose mailbox does not exist: refused with 550, as a real server does. */
  readonly unknown = new Set<string>();
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: (address, _session, done) => {
      if (!this.unknown.has(address.address.toLowerCase())) return done();
      done(Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 }));
    },
    onData: (stream, _session, done) => {
      simpleParser(stream).then(
        (mail) => {
          this.received.push(mail);
          done();
        },
        (error: Error) => done(error),
      );
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The messages to an address so far. */
  to(address: string): ParsedMail[] {
    return this.received.filter((mail) => JSON.stringify(mail.to).includes(address));
  }
}
