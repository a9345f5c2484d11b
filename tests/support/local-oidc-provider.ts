import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** What the provider says about an account: the claims a test chooses (e-mail, its verification, name). */
export type AccountClaims = Record<string, unknown>;

export const OIDC_CLIENT = { id: 'turbota', secret: 'turbota-client-secret-0123456789abcdef' };

/**
 * A real OpenID Connect provider (oidc-provider) on a free local port, with one confidential
 * client (code flow, PKCE required) and the accounts a test names; its development sign-in and
 * consent pages take any account name typed in. The port is taken before the provider exists,
 * so the issuer can go into an app's environment and the apps' callbacks into the client.
 */
export class LocalOidcProvider {
  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async listen(): Promise<LocalOidcProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new LocalOidcProvider(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  /** Starts answering, with the client allowed back to `redirectUris` and the accounts by name. */
  serve(redirectUris: string[], accounts: Record<string, AccountClaims>): void {
    const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const provider = quietly(
      () =>
        new Provider(this.issuer, {
          clients: [{ client_id: OIDC_CLIENT.id, client_secret: OIDC_CLIENT.secret, redirect_uris: redirectUris, token_endpoint_auth_method: 'client_secret_post' }],
          claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
          cookies: { keys: ['local-oidc-provider-cookie-key-0123456789'] },
          findAccount: (_ctx, sub) => (accounts[sub] ? { accountId: sub, claims: () => ({ sub, ...accounts[sub] }) } : undefined),
          jwks: { keys: [{ ...signingKey, kid: 'local', use: 'sig', alg: 'RS256' }] },
          pkce: { required: () => true },
          ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
        }),
    );
    this.server.on('request', provider.callback());
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

// The development sign-in pages announce themselves on the console; that is what they are here for.
function quietly<T>(make: () => T): T {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    return make();
  } finally {
    warn.mockRestore();
  }
}

/**
 * A browser, by hand: it keeps each origin's cookies (by name; these flows are short), sends them
 * back, and follows redirects one at a time, so a test sees and can alter every step.
 */
export class OidcBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  /** A GET (or a form POST) to `url` with this browser's cookies for it, without following redirects. */
  async open(url: string, form?: Record<string, string>): Promise<Response> {
    const target = new URL(url);
    const headers: Record<string, string> = {};
    const cookies = [...(this.jar.get(target.origin) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookies) headers.Cookie = cookies;
    if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(target, { method: form ? 'POST' : 'GET', headers, body: form ? new URLSearchParams(form).toString() : undefined, redirect: 'manual' });
    this.keep(target.origin, res.headers.getSetCookie());
    return res;
  }

  /** The value of a cookie this browser holds for an origin. */
  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  /**
   * From Turbota's start route to the provider's answer: signs in at the provider as `account`,
   * consents, and stops at the redirect back to Turbota's callback, which it answers unopened.
   * `next` is the console page the sign-in page passes on, as its link to the start route does.
   */
  async signInAt(appUrl: string, account: string, options: { next?: string } = {}): Promise<string> {
    const query = options.next === undefined ? '' : `?${new URLSearchParams({ next: options.next }).toString()}`;
    let res = await this.open(`${appUrl}/api/v1/auth/oidc/start${query}`);
    for (let step = 0; step < 12; step++) {
      if (res.status === 200) {
        const page = await res.text();
        const form: Record<string, string> = page.includes('name="login"') ? { prompt: 'login', login: account, password: 'any' } : { prompt: 'consent' };
        res = await this.open(res.url, form);
        continue;
      }
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) throw new Error(`The sign-in stopped at ${res.status}: ${await res.text()}`);
      const next = new URL(location, res.url).href;
      if (next.startsWith(`${appUrl}/api/v1/auth/oidc/callback`)) return next;
      res = await this.open(next);
    }
    throw new Error('The sign-in did not come back to Turbota');
  }

  private keep(origin: string, lines: string[]): void {
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    for (const line of lines) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]).getTime() <= Date.now()));
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(origin, cookies);
  }
}
