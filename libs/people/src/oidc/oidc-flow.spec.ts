import { randomBytes } from 'node:crypto';
import { type OidcFlow, openFlow, sealFlow } from './oidc-flow';

const key = randomBytes(32);
const now = new Date('2026-03-01T10:00:00Z');
const flow: OidcFlow = {
  state: 'state-123',
  nonce: 'nonce-456',
  codeVerifier: 'verifier-789',
  redirectUri: 'https://feedback.example.com/api/v1/auth/oidc/callback',
  expiresAt: now.getTime() + 600_000,
};

describe('the sealed single sign-on flow', () => {
  it('opens with the key it was sealed with, and shows none of its secrets', () => {
    const sealed = sealFlow(flow, key);
    expect(openFlow(sealed, [key], now)).toEqual(flow);
    for (const secret of [flow.state, flow.nonce, flow.codeVerifier]) expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain(secret);
  });

  it('opens with an older key of a rotation, but not with another key', () => {
    const sealed = sealFlow(flow, key);
    expect(openFlow(sealed, [randomBytes(32), key], now)).toEqual(flow);
    expect(openFlow(sealed, [randomBytes(32)], now)).toBeNull();
  });

  it('refuses an altered, a missing or an expired flow', () => {
    const bytes = Buffer.from(sealFlow(flow, key), 'base64url');
    bytes[bytes.length - 1] ^= 1;
    expect(openFlow(bytes.toString('base64url'), [key], now)).toBeNull();
    expect(openFlow(undefined, [key], now)).toBeNull();
    expect(openFlow('', [key], now)).toBeNull();
    expect(openFlow(sealFlow(flow, key), [key], new Date(flow.expiresAt))).toBeNull();
  });
});
