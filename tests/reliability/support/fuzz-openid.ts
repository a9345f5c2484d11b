import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeHttpServer } from '../../support/fake-http-server';

/**
 * The Bot Framework's token service as a bot sees it: an OpenID configuration and its JWKS
 * (`/.well-known/openidconfiguration`, `/keys`), with one RSA key whose private half signs
 * the test's tokens, so forged, expired and misaddressed tokens can be told from a good one.
 */
export class FakeOpenIdIssuer extends FakeHttpServer {
  readonly keyId = 'turbota-test-key';
  private readonly privateKey: KeyObject;
  private readonly jwk: Record<string, unknown>;

  private constructor() {
    super();
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.jwk = { ...publicKey.export({ format: 'jwk' }), kid: this.keyId, kty: 'RSA', use: 'sig' };
  }

  static async start(): Promise<FakeOpenIdIssuer> {
    const issuer = new FakeOpenIdIssuer();
    await issuer.listen();
    return issuer;
  }

  get metadataUrl(): string {
    return `${this.url}/.well-known/openidconfiguration`;
  }

  /** An RS256 token with these claims, signed with this issuer's key or with `signWith`. */
  token(claims: Record<string, unknown>, options: { signWith?: KeyObject; kid?: string; alg?: string } = {}): string {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const head = `${encode({ alg: options.alg ?? 'RS256', typ: 'JWT', kid: options.kid ?? this.keyId })}.${encode(claims)}`;
    if (options.alg === 'none') return `${head}.`;
    return `${head}.${createSign('RSA-SHA256').update(head).sign(options.signWith ?? this.privateKey).toString('base64url')}`;
  }

  protected handle(req: IncomingMessage, _body: string, res: ServerResponse): void {
    const json = (body: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openidconfiguration') json({ issuer: 'https://api.botframework.com', jwks_uri: `${this.url}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    else if (req.url === '/keys') json({ keys: [this.jwk] });
    else res.writeHead(404).end();
  }
}
