import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../send-errors';
import { graphErrorOf, graphSendError, waitSecondsOf } from './graph-api';

const failure = (status: number, code?: number, subcode?: number, message = 'An error', headers?: Record<string, string>) =>
  graphSendError(status, graphErrorOf({ error: { message, type: 'OAuthException', code, error_subcode: subcode, fbtrace_id: 'x' } }), new Headers(headers), 'send');

describe('Graph API failures, by what the outbox should do', () => {
  it('waits out throttles: HTTP 429 and codes 4, 17, 32, 613, for Retry-After or the business use case estimate', () => {
    for (const code of [4, 17, 32, 613]) expect(failure(400, code)).toBeInstanceOf(RateLimitedError);
    const limited = failure(429, 613, undefined, '(#613) Calls to this api have exceeded the rate limit.', { 'Retry-After': '7' });
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterSeconds).toBe(7);
    expect(waitSecondsOf(new Headers({ 'X-Business-Use-Case-Usage': JSON.stringify({ '1066': [{ type: 'messenger', call_count: 100, estimated_time_to_regain_access: 3 }] }) }))).toBe(180);
    expect(waitSecondsOf(new Headers({ 'X-Business-Use-Case-Usage': 'not json' }))).toBe(60);
    expect(waitSecondsOf(undefined)).toBe(60);
  });

  it('marks the person unreachable where they blocked the Page or are gone', () => {
    expect(failure(400, 551, 1545041, "(#551) This person isn't available right now.")).toBeInstanceOf(RecipientUnreachableError);
    expect(failure(400, 551)).toBeInstanceOf(RecipientUnreachableError);
    expect(failure(400, 200, 1545041)).toBeInstanceOf(RecipientUnreachableError);
    expect(failure(400, 10, 2018108)).toBeInstanceOf(RecipientUnreachableError);
    expect(failure(400, 100, 2018001, 'No matching user found')).toBeInstanceOf(RecipientUnreachableError);
  });

  it('refuses a message outside the 24-hour window with a reason, without giving the customer up', () => {
    const late = failure(400, 10, 2018278, '(#10) This message is sent outside of allowed window.');
    expect(late).toBeInstanceOf(RejectedMessageError);
    expect(late.message).toMatch(/^Rejected: send: HTTP 400 \(#10\/2018278\) .*; outside the 24-hour window: the customer's last message was more than 24 hours ago/);
  });

  it('pauses on credentials Meta refuses, retries outages, and gives up what Meta will never take', () => {
    expect(failure(401, 190, 463, 'Error validating access token: Session has expired')).toBeInstanceOf(BadCredentialsError);
    expect(failure(400, 230, undefined, 'Requires pages_messaging permission')).toBeInstanceOf(BadCredentialsError);
    expect(failure(500, 2)).toBeInstanceOf(TemporarySendError);
    expect(failure(503)).toBeInstanceOf(TemporarySendError);
    expect(failure(400, 1200, undefined, 'Temporary send message failure')).toBeInstanceOf(TemporarySendError);
    expect(failure(400, 100, undefined, '(#100) Length of param message[text] must be less than or equal to 2000')).toBeInstanceOf(RejectedMessageError);
    expect(graphSendError(404, undefined, undefined, 'send')).toBeInstanceOf(RejectedMessageError);
  });

  it("reads WhatsApp's Cloud API codes: its own throttles' paces, the 24-hour window, an undeliverable number, a locked account", () => {
    const throughput = failure(400, 130429, undefined, '(#130429) Rate limit hit');
    expect(throughput).toMatchObject({ constructor: RateLimitedError, retryAfterSeconds: 2 });
    expect(failure(400, 131056, undefined, '(#131056) (Business Account, Consumer Account) pair rate limit hit')).toMatchObject({ constructor: RateLimitedError, retryAfterSeconds: 6 });
    expect(failure(400, 131056, undefined, 'pair', { 'Retry-After': '9' })).toMatchObject({ retryAfterSeconds: 9 });
    expect(failure(400, 80007, undefined, '(#80007) Rate limit issues')).toMatchObject({ constructor: RateLimitedError, retryAfterSeconds: 60 });
    const late = failure(400, 131047, undefined, 'Re-engagement message');
    expect(late).toBeInstanceOf(RejectedMessageError);
    expect(late.message).toMatch(/^Rejected: send: HTTP 400 \(#131047\) Re-engagement message; outside the 24-hour window/);
    expect(failure(400, 131049, undefined, 'This message was not delivered to maintain healthy ecosystem engagement.')).toBeInstanceOf(RejectedMessageError);
    expect(failure(400, 131026, undefined, 'Message undeliverable')).toBeInstanceOf(RecipientUnreachableError);
    for (const code of [0, 131031, 133010]) expect(failure(400, code)).toBeInstanceOf(BadCredentialsError);
    for (const code of [131000, 131016]) expect(failure(400, code)).toBeInstanceOf(TemporarySendError);
    expect(failure(400, 131009, undefined, '(#131009) Parameter value is not valid')).toBeInstanceOf(RejectedMessageError);
  });

  it('reads codes Meta sends as numbers or digits, and ignores fields of other kinds', () => {
    expect(graphErrorOf({ error: { code: '613', error_subcode: 12, message: 7 } })).toEqual({ code: 613, error_subcode: 12, message: undefined, type: undefined });
    expect(graphErrorOf({ recipient_id: '1', message_id: 'm_1' })).toBeUndefined();
    expect(graphErrorOf(null)).toBeUndefined();
  });
});
