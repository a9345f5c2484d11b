import { generateKeyPairSync } from 'node:crypto';
import { AuthenticationConstants } from 'botframework-connector';
import { DataSource } from 'typeorm';
import { botFrameworkActivity } from '../../support/botframework-fixtures';
import { slackButtonPress, slackMessageEvent } from '../../support/slack-fixtures';
import { telegramUpdate } from '../../support/telegram-fixtures';
import { viberCallback } from '../../support/viber-fixtures';
import { messengerEvent, messengerWebhook } from '../../support/messenger-fixtures';
import { whatsappMessage, whatsappWebhook } from '../../support/whatsapp-fixtures';
import { FakeTwilio } from '../../support/fake-twilio';
import { type Platforms, startPlatforms } from '../../support/platforms';
import { Api, incidentReport } from '../../support/incidents-api';
import { startTestApp, type TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { recordHostileFigures } from '../support/fuzz-runner';
import { FakeOpenIdIssuer } from '../support/fuzz-openid';
import { metaSignatureHeader, slackSignatureHeaders, telegramSecretHeader, viberSignatureHeader } from '../../support/webhooks';

jest.setTimeout(120_000);

const TELEGRAM_TOKEN = '123456:forged-telegram-token';
const TELEGRAM_SECRET = 'forged-telegram-secret';
const SLACK_TOKEN = 'xoxb-0000-forged-token';
const SLACK_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const VIBER_TOKEN = '44dafb7e0f40021e-61a47a1e6778d187-f2c5a676a07050b3';
const MESSENGER_SECRET = 'forged-messenger-app-secret';
const WHATSAPP_SECRET = 'forged-whatsapp-app-secret';
const APP_ID = '00000000-0000-0000-0000-0000000000b0';
const CHANNEL = 'C0FORGED';
// SMS invitations: Twilio signs its callbacks for the public address the texts name.
const PUBLIC_URL = 'https://feedback.example.com';
const TWILIO_SID = `AC${'f'.repeat(32)}`;
const TWILIO_TOKEN = 'forged-twilio-token';
const SMS_ROUTE = `${PUBLIC_URL}/webhooks/sms/twilio`;
const CALLER = '+380671230099';
/** Every table a webhook can write to: inputs, conversations, customers, answers, messages (the outbox), complaints, incidents. */
/** Every platform, the Bot Framework one checking JWTs from the local issuer. */
const PLATFORMS = {
  telegram: { token: TELEGRAM_TOKEN, secret: TELEGRAM_SECRET },
  slack: { token: SLACK_TOKEN, signingSecret: SLACK_SECRET, escalationChannel: CHANNEL },
  viber: { authToken: VIBER_TOKEN },
  messenger: { pageToken: 'EAAG-forged-page-token', appSecret: MESSENGER_SECRET, verifyToken: 'forged-verify-token' },
  whatsapp: { accessToken: 'EAAG-forged-wa-token', appSecret: WHATSAPP_SECRET, verifyToken: 'forged-wa-verify-token' },
  botframework: { anonymous: false },
};
const TABLES = ['conversation_input', 'conversation', 'customer', 'customer_identity', 'answer', 'organic_feedback', 'message', 'complaint', 'incident', 'incident_event', 'staff_notice', 'problem', 'problem_event'];

interface Attempt {
  channel: string;
  cell: string;
  send(): Promise<Response>;
}

describe(`Forged, replayed and stale signatures on every channel (${databaseKind})`, () => {
  const metadata = AuthenticationConstants as { ToBotFromChannelOpenIdMetadataUrl: string };
  const originalMetadataUrl = metadata.ToBotFromChannelOpenIdMetadataUrl;
  let platforms: Platforms<typeof PLATFORMS>;
  let issuer: FakeOpenIdIssuer;
  let t: TestApp;
  let db: DataSource;
  let twilio: FakeTwilio;

  beforeAll(async () => {
    [platforms, issuer, twilio] = await Promise.all([startPlatforms(PLATFORMS), FakeOpenIdIssuer.start(), FakeTwilio.start(TWILIO_SID, TWILIO_TOKEN)]);
    // botbuilder reads Microsoft's OpenID endpoint from this constant when the adapter is built: point it at the local issuer, as SLACK_API_URL points Slack's client.
    metadata.ToBotFromChannelOpenIdMetadataUrl = issuer.metadataUrl;
    t = await startTestApp({
      env: {
        ...platforms.env,
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'app-password',
        DEFAULT_LOCALE: 'en',
        PUBLIC_URL,
        TWILIO_ACCOUNT_SID: TWILIO_SID,
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        TWILIO_FROM: '+15005550006',
        TWILIO_API_URL: twilio.url,
      },
    });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    metadata.ToBotFromChannelOpenIdMetadataUrl = originalMetadataUrl;
    await t?.close();
    await Promise.all([platforms?.close(), issuer?.close(), twilio?.close()]);
  });

  const post = (path: string, body: string | Buffer, headers: Record<string, string>) => fetch(`${t.url}${path}`, { method: 'POST', headers, body });
  const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`))[0].n] as const)));
  const now = () => Math.floor(Date.now() / 1000);
  const json = { 'Content-Type': 'application/json' };
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const jwtClaims = (overrides: Record<string, unknown> = {}) => ({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    serviceurl: platforms.botframework.url,
    iat: now() - 60,
    nbf: now() - 60,
    exp: now() + 3_600,
    ...overrides,
  });

  it('answers every forged, replayed or stale request with 401 and writes nothing; the same requests signed rightly are taken', async () => {
    const api = new Api(t.url);
    const incident = await api.json<{ id: string; version: number; status: string }>('/api/v1/incidents', { body: incidentReport() });
    // The incident's Slack message is posted before counting, so nothing else is still being written.
    await waitFor(() => platforms.slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL && c.status === 200), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const tg = JSON.stringify(telegramUpdate('message-start', { updateId: 900_001, chatId: 900_001 }));
    const slackEvent = slackMessageEvent({ eventId: 'EvForgedMatrix', channel: 'D0FORGED1', text: 'start' });
    const slackPress = slackButtonPress({ channel: 'D0FORGED2', actionTs: '1700000000.9', value: 's:3', label: '3', messageTs: '1700000000.1', messageText: 'How likely?' });
    const slash = new URLSearchParams({ command: '/turbota', text: 'stats', user_id: 'U0FORGED' }).toString();
    const supervisorPress = new URLSearchParams({
      payload: JSON.stringify({
        type: 'block_actions',
        user: { id: 'U0FORGED', username: 'mallory', name: 'mallory' },
        trigger_id: '1.forged',
        actions: [{ action_id: 'incident.acknowledge', block_id: `incident:v${incident.version}`, value: incident.id, type: 'button', action_ts: '1700000000.5' }],
      }),
    }).toString();
    // A caller invited by SMS: the text's status callbacks and a reply STOP come to the Twilio route.
    const pools = await api.json<{ id: string; name: string }[]>('/api/v1/question-pools');
    const policy = { name: 'Calls', serviceTypes: ['call'], integralMetric: 'nps', poolId: pools.find((p) => p.name === 'Post-contact')!.id, reasonQuestion: 'reason', quietHours: null };
    await api.json('/api/v1/survey-policies', { body: policy });
    const caller = await api.json<{ id: string; customerId: string }>('/api/v1/contacts', {
      body: { externalId: 'forged-sms-1', customer: { phone: CALLER }, serviceType: 'call', occurredAt: new Date().toISOString() },
    });
    const sms = await waitFor(() => twilio.sent(CALLER)[0], 10_000);
    const smsStatus = async () => (await db.query<{ status: string }[]>(`SELECT status FROM invitation_message WHERE contact_id = $1`, [caller.id]))[0].status;
    await waitFor(async () => ((await smsStatus()) === 'accepted' ? true : undefined));
    const callback = { AccountSid: TWILIO_SID, MessageSid: sms.sid!, MessageStatus: 'failed', ErrorCode: '30003', To: CALLER };
    const stop = { AccountSid: TWILIO_SID, MessageSid: 'SMforged', SmsStatus: 'received', From: CALLER, Body: 'STOP' };
    const twilioForm = (params: Record<string, string>) => new URLSearchParams(params).toString();
    const signed = (params: Record<string, string>, url = SMS_ROUTE) => ({ ...form, 'X-Twilio-Signature': twilio.sign(url, params) });
    const smsCells = (kind: string, params: Record<string, string>): Attempt[] => [
      { channel: kind, cell: 'signature missing', send: () => post('/webhooks/sms/twilio', twilioForm(params), form) },
      { channel: kind, cell: 'signed with another auth token', send: () => post('/webhooks/sms/twilio', twilioForm(params), { ...form, 'X-Twilio-Signature': 'bm90LXRoZS1zaWduYXR1cmU=' }) },
      { channel: kind, cell: 'signed for another address', send: () => post('/webhooks/sms/twilio', twilioForm(params), signed(params, 'https://evil.example.com/webhooks/sms/twilio')) },
      { channel: kind, cell: 'body changed after signing', send: () => post('/webhooks/sms/twilio', twilioForm({ ...params, To: '+380670000000' }), signed(params)) },
    ];
    const vb = viberCallback('message-text', { token: '5000000000000000001', userId: 'forged-viber==', text: 'start' });
    const mg = messengerWebhook(messengerEvent.text('24919000000000001', 'm_forged_1', '/start'));
    const wa = whatsappWebhook({ messages: [whatsappMessage.text('380679000001', 'wamid.FORGED1', '/start')] });
    const hubSignature = (secret: string, body: string) => metaSignatureHeader(secret, body)['X-Hub-Signature-256'];
    const bf = JSON.stringify(botFrameworkActivity('message', { id: 'forged-1', conversationId: 'bf-forged', serviceUrl: platforms.botframework.url, text: 'start' }));
    const { privateKey: otherKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const bearer = (token: string) => ({ ...json, Authorization: `Bearer ${token}` });

    const slackCells = (kind: string, raw: string, type: Record<string, string>): Attempt[] => [
      { channel: kind, cell: 'signature missing', send: () => post('/webhooks/slack', raw, type) },
      { channel: kind, cell: 'signed with another secret', send: () => post('/webhooks/slack', raw, { ...type, ...slackSignatureHeaders('another-secret', raw) }) },
      { channel: kind, cell: 'timestamp 6 minutes old', send: () => post('/webhooks/slack', raw, { ...type, ...slackSignatureHeaders(SLACK_SECRET, raw, { at: now() - 360 }) }) },
      { channel: kind, cell: 'timestamp 6 minutes in the future', send: () => post('/webhooks/slack', raw, { ...type, ...slackSignatureHeaders(SLACK_SECRET, raw, { at: now() + 360 }) }) },
      { channel: kind, cell: 'replayed body with a new timestamp', send: () => post('/webhooks/slack', raw, { ...type, ...slackSignatureHeaders(SLACK_SECRET, raw, { signedAt: now() - 600 }) }) },
      { channel: kind, cell: 'body changed after signing', send: () => post('/webhooks/slack', `${raw} `, { ...type, ...slackSignatureHeaders(SLACK_SECRET, raw) }) },
    ];
    const attempts: Attempt[] = [
      { channel: 'telegram', cell: 'secret token missing', send: () => post('/webhooks/telegram', tg, json) },
      { channel: 'telegram', cell: 'secret token wrong', send: () => post('/webhooks/telegram', tg, { ...json, ...telegramSecretHeader('wrong-secret') }) },
      { channel: 'telegram', cell: 'secret token with a different case', send: () => post('/webhooks/telegram', tg, { ...json, ...telegramSecretHeader(TELEGRAM_SECRET.toUpperCase()) }) },
      { channel: 'telegram', cell: 'secret token empty', send: () => post('/webhooks/telegram', tg, { ...json, ...telegramSecretHeader('') }) },
      ...slackCells('slack events', slackEvent, json),
      ...slackCells('slack interactivity', slackPress, form),
      ...slackCells('slack slash command', slash, form),
      ...slackCells('slack supervisor interactivity', supervisorPress, form),
      { channel: 'viber', cell: 'signature missing', send: () => post('/webhooks/viber', vb, json) },
      { channel: 'viber', cell: 'signed with another token', send: () => post('/webhooks/viber', vb, { ...json, ...viberSignatureHeader('another-token', vb) }) },
      { channel: 'viber', cell: 'signature of another body', send: () => post('/webhooks/viber', vb, { ...json, ...viberSignatureHeader(VIBER_TOKEN, `${vb} `) }) },
      { channel: 'viber', cell: 'signature not hex', send: () => post('/webhooks/viber', vb, { ...json, 'X-Viber-Content-Signature': 'z'.repeat(64) }) },
      { channel: 'messenger', cell: 'signature missing', send: () => post('/webhooks/messenger', mg, json) },
      { channel: 'messenger', cell: 'signed with another app secret', send: () => post('/webhooks/messenger', mg, { ...json, ...metaSignatureHeader('another-secret', mg) }) },
      { channel: 'messenger', cell: 'signature of another body', send: () => post('/webhooks/messenger', mg, { ...json, ...metaSignatureHeader(MESSENGER_SECRET, `${mg} `) }) },
      { channel: 'messenger', cell: 'signature not hex', send: () => post('/webhooks/messenger', mg, { ...json, 'X-Hub-Signature-256': `sha256=${'z'.repeat(64)}` }) },
      { channel: 'messenger', cell: 'signature without its sha256= prefix', send: () => post('/webhooks/messenger', mg, { ...json, 'X-Hub-Signature-256': hubSignature(MESSENGER_SECRET, mg).slice('sha256='.length) }) },
      { channel: 'messenger', cell: 'SHA-1 signature only (X-Hub-Signature)', send: () => post('/webhooks/messenger', mg, { ...json, 'X-Hub-Signature': `sha1=${'0'.repeat(40)}` }) },
      { channel: 'whatsapp', cell: 'signature missing', send: () => post('/webhooks/whatsapp', wa, json) },
      { channel: 'whatsapp', cell: "signed with Messenger's app secret", send: () => post('/webhooks/whatsapp', wa, { ...json, ...metaSignatureHeader(MESSENGER_SECRET, wa) }) },
      { channel: 'whatsapp', cell: 'signature of another body', send: () => post('/webhooks/whatsapp', wa, { ...json, ...metaSignatureHeader(WHATSAPP_SECRET, `${wa} `) }) },
      { channel: 'whatsapp', cell: 'signature not hex', send: () => post('/webhooks/whatsapp', wa, { ...json, 'X-Hub-Signature-256': `sha256=${'z'.repeat(64)}` }) },
      { channel: 'botframework', cell: 'JWT missing', send: () => post('/api/messages', bf, json) },
      { channel: 'botframework', cell: 'not a JWT', send: () => post('/api/messages', bf, bearer('not-a-token')) },
      { channel: 'botframework', cell: 'JWT signed with another key', send: () => post('/api/messages', bf, bearer(issuer.token(jwtClaims(), { signWith: otherKey }))) },
      { channel: 'botframework', cell: 'JWT with an unknown key id', send: () => post('/api/messages', bf, bearer(issuer.token(jwtClaims(), { kid: 'unknown-key' }))) },
      { channel: 'botframework', cell: 'JWT unsigned (alg none)', send: () => post('/api/messages', bf, bearer(issuer.token(jwtClaims(), { alg: 'none' }))) },
      { channel: 'botframework', cell: 'JWT expired 10 minutes ago', send: () => post('/api/messages', bf, bearer(issuer.token(jwtClaims({ iat: now() - 4_200, nbf: now() - 4_200, exp: now() - 600 })))) },
      { channel: 'botframework', cell: 'JWT for another app (audience)', send: () => post('/api/messages', bf, bearer(issuer.token(jwtClaims({ aud: '00000000-0000-0000-0000-0000000000ff' })))) },
      { channel: 'botframework', cell: 'JWT from another issuer', send: () => post('/api/messages', bf, bearer(issuer.token(jwtClaims({ iss: 'https://evil.example.com' })))) },
      { channel: 'botframework', cell: 'JWT for another service URL', send: () => post('/api/messages', bf, bearer(issuer.token(jwtClaims({ serviceurl: 'https://evil.example.com/' })))) },
      { channel: 'botframework', cell: 'Basic credentials instead of a JWT', send: () => post('/api/messages', bf, { ...json, Authorization: 'Basic dXNlcjpwYXNz' }) },
      ...smsCells('sms status callback', callback),
      ...smsCells('sms reply STOP', stop),
    ];

    const before = await counts();
    const matrix: { channel: string; cell: string; status: number }[] = [];
    for (const attempt of attempts) matrix.push({ channel: attempt.channel, cell: attempt.cell, status: (await attempt.send()).status });
    // Anything a forged request set going would have had time to land.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const after = await counts();
    const untouched = await api.incident(incident.id);
    const smsAfter = await smsStatus();
    const [{ opted: optedAfter }] = await db.query<{ opted: boolean }[]>(`SELECT opted_out_at IS NOT NULL AS opted FROM customer WHERE id = $1`, [caller.customerId]);

    // The controls: the same requests, signed rightly, are taken and write.
    const controls = [
      { channel: 'telegram', status: (await post('/webhooks/telegram', tg, { ...json, ...telegramSecretHeader(TELEGRAM_SECRET) })).status },
      { channel: 'slack events', status: (await post('/webhooks/slack', slackEvent, { ...json, ...slackSignatureHeaders(SLACK_SECRET, slackEvent) })).status },
      { channel: 'slack supervisor interactivity', status: (await post('/webhooks/slack', supervisorPress, { ...form, ...slackSignatureHeaders(SLACK_SECRET, supervisorPress) })).status },
      { channel: 'viber', status: (await post('/webhooks/viber', vb, { ...json, ...viberSignatureHeader(VIBER_TOKEN, vb) })).status },
      { channel: 'messenger', status: (await post('/webhooks/messenger', mg, { ...json, ...metaSignatureHeader(MESSENGER_SECRET, mg) })).status },
      { channel: 'whatsapp', status: (await post('/webhooks/whatsapp', wa, { ...json, ...metaSignatureHeader(WHATSAPP_SECRET, wa) })).status },
      { channel: 'botframework', status: (await post('/api/messages', bf, bearer(issuer.token(jwtClaims())))).status },
      { channel: 'sms status callback', status: (await post('/webhooks/sms/twilio', twilioForm(callback), signed(callback))).status },
    ];
    const written = await counts();
    const acknowledged = await api.incident(incident.id);

    recordHostileFigures('signatures', {
      cells: matrix.length,
      refused401: matrix.filter((m) => m.status === 401).length,
      rowsBefore: before,
      rowsAfter: after,
      rowsAfterSignedControls: written,
      matrix,
      controls,
    });

    expect(matrix.filter((m) => m.status !== 401)).toEqual([]);
    expect(after).toEqual(before);
    expect({ status: untouched.status, version: untouched.version }).toEqual({ status: incident.status, version: incident.version });
    expect({ sms: smsAfter, optedOut: optedAfter }).toEqual({ sms: 'accepted', optedOut: false });
    expect(await smsStatus()).toBe('failed');
    expect(controls.filter((c) => c.status !== 200)).toEqual([]);
    expect(written.conversation_input - before.conversation_input).toBe(6);
    expect(acknowledged.status).toBe('acknowledged');
  });
});
