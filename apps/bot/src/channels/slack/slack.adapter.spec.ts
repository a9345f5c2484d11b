import type { InboundEvent } from '../channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError } from '../send-errors';
import { SlackApp } from './slack-app';
import { SlackAdapter, sendErrorOf } from './slack.adapter';
import { slackButtonPress, slackMessageEvent } from '../../../../../tests/support/slack-fixtures';

// Slack's own worked example of a request signature (api.slack.com/authentication/verifying-requests-from-slack).
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = 1531420618;
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

const app = new SlackApp('xoxb-1', 'http://127.0.0.1:9/api/');
const at = (now: number) => new SlackAdapter({ app, signingSecret: SECRET, defaultLocale: 'uk', now: () => now });
const request = (signature: string, timestamp = String(TIMESTAMP)) => ({
  headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
  rawBody: Buffer.from(BODY),
  body: {},
});

describe('Slack requests', () => {
  it('accepts Slack\'s worked example within five minutes either way, and nothing else', () => {
    expect(at(TIMESTAMP + 60).verify(request(SIGNATURE))).toBe(true);
    expect(at(TIMESTAMP - 299).verify(request(SIGNATURE))).toBe(true);
    expect(at(TIMESTAMP + 301).verify(request(SIGNATURE))).toBe(false);
    expect(at(TIMESTAMP - 301).verify(request(SIGNATURE))).toBe(false);
    expect(at(TIMESTAMP).verify(request(SIGNATURE.replace(/.$/, '4')))).toBe(false);
    expect(at(TIMESTAMP).verify(request(SIGNATURE, 'soon'))).toBe(false);
  });

  it('reads a direct message and a button press, keyed by the event id and the action time', () => {
    const adapter = at(TIMESTAMP);
    const [message] = adapter.parse(JSON.parse(slackMessageEvent({ eventId: 'Ev1', channel: 'D1', text: 'start kyiv-central' })) as unknown) as InboundEvent[];
    expect(message).toMatchObject({ address: 'D1', key: 'sl:Ev1', input: { kind: 'start', payload: 'kyiv-central' }, context: { locale: 'uk', pointOfService: 'kyiv-central' } });
    const form = Object.fromEntries(new URLSearchParams(slackButtonPress({ channel: 'D1', actionTs: '1.2', value: 's:2', label: '2', messageTs: '9.9', messageText: 'Recommend?' })));
    const [tap] = adapter.parse(form) as InboundEvent[];
    expect(tap).toMatchObject({ key: 'sl:U2147483697:1.2', input: { kind: 'scale', value: 2 }, receipt: { replyTo: '9.9', text: 'Recommend?\n\n✓ 2' } });
  });

  it('ignores the app\'s own messages and messages outside direct conversations', () => {
    const adapter = at(TIMESTAMP);
    const event = JSON.parse(slackMessageEvent({ eventId: 'Ev2', channel: 'C1', text: 'hi' })) as { event: Record<string, string> };
    expect(adapter.parse({ ...event, event: { ...event.event, channel_type: 'channel' } })).toEqual([]);
    expect(adapter.parse({ ...event, event: { ...event.event, bot_id: 'B1' } })).toEqual([]);
  });

  it('maps Web API failures to what the outbox should do', () => {
    expect((sendErrorOf({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 }) as RateLimitedError).retryAfterSeconds).toBe(7);
    expect(sendErrorOf({ code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } })).toBeInstanceOf(RecipientUnreachableError);
    expect(sendErrorOf({ code: 'slack_webapi_platform_error', data: { error: 'invalid_auth' } })).toBeInstanceOf(BadCredentialsError);
  });
});
