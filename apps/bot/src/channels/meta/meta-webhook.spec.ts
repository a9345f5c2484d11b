import { createHmac } from 'node:crypto';
import { hasHubSignature, hubChallengeOf } from './meta-webhook';

const SECRET = 'meta-app-secret-0123456789';

describe("Meta's subscription check", () => {
  const check = (query: string) => hubChallengeOf(new URLSearchParams(query), 'verify-me');

  it('answers the challenge only for a subscription with the configured verify token', () => {
    expect(check('hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444')).toBe('1158201444');
    expect(check('hub.mode=subscribe&hub.verify_token=verify-mE&hub.challenge=1158201444')).toBeUndefined();
    expect(check('hub.mode=subscribe&hub.verify_token=verify&hub.challenge=1158201444')).toBeUndefined();
    expect(check('hub.mode=unsubscribe&hub.verify_token=verify-me&hub.challenge=1158201444')).toBeUndefined();
    expect(check('hub.mode=subscribe&hub.challenge=1158201444')).toBeUndefined();
    expect(check('hub.mode=subscribe&hub.verify_token=verify-me')).toBeUndefined();
  });

  it('echoes no markup and takes no parameter twice', () => {
    expect(check('hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=%3Cscript%3E')).toBeUndefined();
    expect(check(`hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=${'1'.repeat(257)}`)).toBeUndefined();
    expect(check('hub.mode=subscribe&hub.verify_token=other&hub.verify_token=verify-me&hub.challenge=1')).toBeUndefined();
  });
});

describe('X-Hub-Signature-256', () => {
  const rawBody = Buffer.from('{"object":"page","entry":[]}');
  const signed = (header?: string | string[], body: Buffer | null = rawBody) => ({ headers: header === undefined ? {} : { 'x-hub-signature-256': header }, rawBody: body ?? undefined, body: {} });
  const hmac = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('hex');

  it('checks the HMAC of the raw body with the app secret, in either case of hex', () => {
    expect(hasHubSignature(signed(`sha256=${hmac(SECRET, rawBody)}`), SECRET)).toBe(true);
    expect(hasHubSignature(signed(`sha256=${hmac(SECRET, rawBody).toUpperCase()}`), SECRET)).toBe(true);
  });

  it('refuses another secret, another body, another form, a missing header and a body kept no raw copy of', () => {
    expect(hasHubSignature(signed(`sha256=${hmac('another-secret', rawBody)}`), SECRET)).toBe(false);
    expect(hasHubSignature(signed(`sha256=${hmac(SECRET, Buffer.from(`${rawBody.toString()} `))}`), SECRET)).toBe(false);
    expect(hasHubSignature(signed(hmac(SECRET, rawBody)), SECRET)).toBe(false);
    expect(hasHubSignature(signed(`sha1=${hmac(SECRET, rawBody)}`), SECRET)).toBe(false);
    expect(hasHubSignature(signed(`sha256=${'z'.repeat(64)}`), SECRET)).toBe(false);
    expect(hasHubSignature(signed([`sha256=${hmac(SECRET, rawBody)}`, `sha256=${hmac(SECRET, rawBody)}`]), SECRET)).toBe(false);
    expect(hasHubSignature(signed(), SECRET)).toBe(false);
    expect(hasHubSignature(signed(`sha256=${hmac(SECRET, rawBody)}`, null), SECRET)).toBe(false);
  });
});
