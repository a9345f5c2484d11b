import { deliveryFailureOf, failureSummary, retryRefusalOf } from './delivery-failure';

const shown = (stored: string) => {
  const failure = deliveryFailureOf(stored)!;
  return { ...failure, summary: failureSummary(failure) };
};

describe('a send failure as viewers see it', () => {
  it('keeps the category and the HTTP status, and drops the platform\'s words and addresses', () => {
    expect(shown('Temporary failure: network: request to http://127.0.0.1:9/v3/conversations/c-1/activities failed, reason: connect ECONNREFUSED 127.0.0.1:9')).toEqual({
      category: 'temporary',
      httpStatus: null,
      reason: 'a network failure on the way to the platform; retried with back-off',
      summary: 'temporary: a network failure on the way to the platform; retried with back-off',
    });
    expect(shown('Recipient unreachable: sendMessage: 403 Forbidden: bot was blocked by the user')).toMatchObject({ category: 'recipient_blocked', httpStatus: 403 });
    expect(shown('Rejected: 400: {"error":{"message":"at Object.<anonymous> (/srv/app/dist/main.js:1:1)"}}')).toMatchObject({ category: 'rejected', httpStatus: 400, summary: 'rejected (HTTP 400): the platform refused this message' });
    expect(shown('Temporary failure: send_message: HTTP 502')).toMatchObject({ category: 'temporary', httpStatus: 502 });
    expect(shown('Rate limited for 4 s: 429: Too many requests')).toMatchObject({ category: 'rate_limited', httpStatus: 429, reason: expect.stringContaining('4 s') as string });
    expect(shown('Bad credentials: invalid_auth')).toMatchObject({ category: 'bad_credentials', httpStatus: null });
    expect(shown('the customer was erased')).toMatchObject({ category: 'erased' });
    expect(shown('Error: connect ECONNREFUSED 10.0.0.5:443\n    at TCPConnectWrap.afterConnect')).toEqual({ category: 'other', httpStatus: null, reason: 'the message was not delivered', summary: 'other: the message was not delivered' });
    expect(deliveryFailureOf(null)).toBeNull();
  });

  it('never repeats anything of the stored error beyond a status and a wait', () => {
    const stored = 'Rejected: 400: https://10.1.2.3/internal?token=abc user@example.com 067 123 45 67';
    expect(JSON.stringify(shown(stored))).not.toMatch(/10\.1\.2\.3|token|example\.com|067/);
  });
});

describe('whether a failed message may be sent again', () => {
  const reachable = { unreachable: false, optedOut: false, erased: false };
  const refusal = (stored: string, recipient = reachable) => retryRefusalOf(deliveryFailureOf(stored), recipient);

  it('allows what may have passed: an outage, a rate limit, credentials, an unexplained failure', () => {
    expect(refusal('Temporary failure: send_message: HTTP 502')).toBeNull();
    expect(refusal('Rate limited for 4 s: 429: Too many requests')).toBeNull();
    expect(refusal('Bad credentials: invalid_auth')).toBeNull();
    expect(refusal('Error: socket hang up')).toBeNull();
  });

  it('refuses a blocked, opted-out or erased customer and a message the platform refused as it is', () => {
    expect(refusal('Recipient unreachable: sendMessage: 403 Forbidden: bot was blocked by the user')).toBe('recipient_unreachable');
    expect(refusal('Rejected: 400: message is too long')).toBe('message_rejected');
    expect(refusal('the customer was erased')).toBe('customer_erased');
    // A temporary failure, yet the customer since blocked the bot, opted out or was erased.
    expect(refusal('Temporary failure: HTTP 502', { ...reachable, unreachable: true })).toBe('recipient_unreachable');
    expect(refusal('Temporary failure: HTTP 502', { ...reachable, optedOut: true })).toBe('customer_opted_out');
    expect(refusal('Temporary failure: HTTP 502', { ...reachable, erased: true, optedOut: true })).toBe('customer_erased');
  });
});
