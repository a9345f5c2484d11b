import { createHash } from 'node:crypto';
import { botFrameworkActivity } from '../../support/botframework-fixtures';
import { slackButtonPress, slackMessageEvent } from '../../support/slack-fixtures';
import { type TelegramFixture, telegramUpdate } from '../../support/telegram-fixtures';
import { type ViberFixture, viberCallback } from '../../support/viber-fixtures';
import { messengerEvent, messengerWebhook } from '../../support/messenger-fixtures';
import { whatsappMessage, whatsappStatus, whatsappWebhook } from '../../support/whatsapp-fixtures';
import type { FuzzRandom } from './fuzz-random';
import type { FuzzRequest, FuzzTarget } from './fuzz-runner';
import { hostileFormBody, hostileJsonBody, hostileString, hostileValue, type Json, type RawBody } from './fuzz-values';
import { metaSignatureHeader, slackSignatureHeaders, telegramSecretHeader, viberSignatureHeader } from '../../support/webhooks';
import { twilioSignature } from '../../../apps/bot/src/invitations/sms/twilio';

/** The secrets the application under test was started with, and what the fuzz may point at. */
export interface WebhookSecrets {
  telegramSecret: string;
  slackSigningSecret: string;
  viberAuthToken: string;
  /** The Meta app secret Messenger's webhooks are signed with, and the handshake's verify token. */
  messengerAppSecret: string;
  messengerVerifyToken: string;
  /** The same of WhatsApp's. */
  whatsappAppSecret: string;
  whatsappVerifyToken: string;
  /** The local Bot Framework connector, as the activities' `serviceUrl`. */
  connectorUrl: string;
  /** A web chat session opened before the run, so inputs reach the dialogue. */
  webChatSession: string;
  /** The SMS provider whose delivery reports the run posts (one provider is on at a time). */
  sms: SmsSecrets;
}

/**
 * Twilio's auth token and the public address its status callbacks are signed for; or the secret
 * TurboSMS signs its events' ids with.
 */
export type SmsSecrets = { provider: 'twilio'; authToken: string; callbackUrl: string } | { provider: 'turbosms'; webhookSecret: string };

const TELEGRAM_FIXTURES: TelegramFixture[] = ['message-start', 'message-text', 'callback-query', 'message-contact', 'message-voice', 'edited-message'];
const VIBER_FIXTURES: ViberFixture[] = ['conversation-started', 'message-text', 'message-contact', 'delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'webhook'];
const UUIDS = ['00000000-0000-4000-8000-000000000000', 'ffffffff-ffff-4fff-bfff-ffffffffffff'];

/** A header value fetch can carry (Latin-1 without controls), hostile otherwise. */
function headerValue(rng: FuzzRandom): string {
  return hostileString(rng).replace(/[^\x20-\x7e\xa0-\xff]/g, '').slice(0, 2_000);
}

/** A path segment: any hostile string, percent-encoded. */
export function pathSegment(rng: FuzzRandom): string {
  const raw = rng.chance(0.15) ? rng.pick(['%', '%00', '%ZZ', '..', '%2e%2e', '%2F', '%C0%80', '%ED%A0%80']) : undefined;
  if (raw) return raw;
  return encodeURIComponent(hostileString(rng).replace(/[\ud800-\udfff]/g, '\ufffd').slice(0, 5_000)) || '%20';
}

const withBody = (path: string, body: RawBody, headers: Record<string, string> = {}, expect?: number[]): FuzzRequest => ({
  method: 'POST',
  path,
  headers: { ...(body.contentType === undefined ? {} : { 'Content-Type': body.contentType }), ...headers },
  body: body.body,
  shape: body.shape,
  expect,
});

/** A supervisor's button press or modal submission on an incident, as Slack posts it. */
function supervisorPayload(rng: FuzzRandom, n: number): Record<string, string> {
  const user = { id: `U0FUZZ${n % 50}`, username: 'fuzz', name: 'fuzz', team_id: 'T061EG9R6' };
  const id = rng.pick([...UUIDS, 'not-a-uuid', String(n)]);
  if (rng.chance(0.5)) {
    const action = rng.pick(['acknowledge', 'resolve', 'reject', 'escalate', 'unknown']);
    const payload = {
      type: 'block_actions',
      user,
      trigger_id: `${n}.fuzz`,
      response_url: 'https://hooks.slack.com/actions/T0/1/x',
      actions: [{ action_id: `incident.${action}`, block_id: `incident:v${rng.int(-1, 3)}`, value: id, type: 'button', action_ts: `1700000000.${n}` }],
    };
    return { payload: JSON.stringify(payload) };
  }
  const payload = {
    type: 'view_submission',
    user,
    view: {
      callback_id: rng.pick(['incident.resolve.modal', 'incident.reject.modal']),
      private_metadata: JSON.stringify({ id, version: rng.int(0, 3) }),
      state: { values: { note: { note: { value: 'Called back, refunded' } }, justified: { justified: { selected_option: { value: 'yes' } } } } },
    },
  };
  return { payload: JSON.stringify(payload) };
}

/**
 * Every webhook of the bot with generated bodies: signed correctly (so the parsers behind the
 * checks get them) and, on a share of cases, unsigned or forged (which must be 401).
 */
export function webhookTargets(secrets: WebhookSecrets): FuzzTarget[] {
  const telegram = (rng: FuzzRandom, n: number): Json =>
    telegramUpdate(rng.pick(TELEGRAM_FIXTURES), { updateId: 1_000_000 + n, chatId: 700_000 + (n % 300), text: rng.chance(0.5) ? hostileString(rng) : undefined, languageCode: rng.pick(['uk', 'ru', 'en', 'xx']) });
  const viber = (rng: FuzzRandom, n: number): Json => {
    const fixture = rng.pick(VIBER_FIXTURES);
    const text = fixture === 'message-text' ? (rng.chance(0.5) ? hostileString(rng) : 'start') : undefined;
    return JSON.parse(viberCallback(fixture, { token: String(5_000_000_000 + n), userId: `fuzz-viber-${n % 300}==`, text })) as Json;
  };
  // Every kind of messaging event, with hostile words, payloads and refs where a customer or a link sets them.
  const messenger = (rng: FuzzRandom, n: number): Json => {
    const psid = `2491${String(n % 300).padStart(13, '0')}`;
    const mid = `m_fuzz${n}`;
    const words = () => (rng.chance(0.5) ? hostileString(rng) : rng.pick(['/start', '/start kyiv-central', '/stop', '/complain', 'hello']));
    const event = rng.pick([
      () => messengerEvent.text(psid, mid, words()),
      () => messengerEvent.quickReply(psid, mid, rng.chance(0.5) ? rng.pick(['s:3', 's:10', 'c:price', 'c:no', 's:99', '+380671234567', 'olena@example.com']) : hostileString(rng)),
      () => messengerEvent.sharedPhone(psid, mid),
      () => messengerEvent.postback(psid, words(), rng.chance(0.5) ? { mid, ref: rng.chance(0.5) ? 'kyiv-central' : hostileString(rng) } : { mid }),
      () => messengerEvent.referral(psid, rng.chance(0.5) ? 'kyiv-central' : hostileString(rng)),
      () => messengerEvent.delivery(psid, rng.chance(0.5) ? [`m_fake${n}`] : undefined, Date.now()),
      () => messengerEvent.read(psid, Date.now()),
      () => messengerEvent.echo(psid, mid),
      () => messengerEvent.attachment(psid, mid),
    ])();
    return JSON.parse(messengerWebhook(event)) as Json;
  };
  // Every kind of Cloud API message and status, with hostile words and ids where a customer sets them, for this number or another.
  const whatsapp = (rng: FuzzRandom, n: number): Json => {
    const waId = String(380_679_100_000 + (n % 300));
    const id = `wamid.FUZZ${n}`;
    const words = () => (rng.chance(0.5) ? hostileString(rng) : rng.pick(['/start', '/start kyiv-central', '/stop', '/complain', '7', 'hello']));
    const answer = () => (rng.chance(0.5) ? rng.pick(['s:3', 's:10', 'c:price', 'c:no', 'c:end', 's:99', 'share-phone']) : hostileString(rng));
    const message = rng.pick([
      () => whatsappMessage.text(waId, id, words()),
      () => whatsappMessage.button(waId, id, answer()),
      () => whatsappMessage.listRow(waId, id, answer()),
      () => whatsappMessage.templateReply(waId, id, rng.chance(0.5) ? `sv_${'A'.repeat(24)}` : hostileString(rng)),
      () => whatsappMessage.image(waId, id),
    ])();
    const status = () => whatsappStatus(`wamid.HBgM${String(n).padStart(10, '0')}`, rng.pick(['sent', 'delivered', 'read', 'failed'] as const), waId, rng.chance(0.5) ? { code: 131047, title: hostileString(rng) } : undefined);
    const content = rng.chance(0.7) ? { messages: [message], names: { [waId]: hostileString(rng) } } : { statuses: [status()] };
    return JSON.parse(whatsappWebhook({ ...content, ...(rng.chance(0.1) ? { phoneNumberId: '999' } : {}) })) as Json;
  };
  /** The three ways into a channel on Meta: signed deliveries, unsigned or forged ones, and the subscription check. */
  const metaTargets = (channel: string, secret: { appSecret: string; verifyToken: string }, delivery: (rng: FuzzRandom, n: number) => Json): FuzzTarget[] => [
    {
      name: `POST /webhooks/${channel} (signed)`,
      build: (rng, n) => {
        const body = hostileJsonBody(rng, delivery(rng, n));
        return withBody(`/webhooks/${channel}`, body, metaSignatureHeader(secret.appSecret, body.body));
      },
    },
    {
      name: `POST /webhooks/${channel} (unsigned or forged)`,
      build: (rng, n) => {
        const body = hostileJsonBody(rng, delivery(rng, n));
        const headers = rng.pick<Record<string, string>>([{}, metaSignatureHeader('another-secret', body.body), { 'X-Hub-Signature-256': headerValue(rng) || 'sha256=' }]);
        return withBody(`/webhooks/${channel}`, body, headers, [400, 401, 413, 415]);
      },
    },
    {
      name: `GET /webhooks/${channel} (the subscription check)`,
      build: (rng): FuzzRequest => {
        const query = new URLSearchParams();
        if (rng.chance(0.8)) query.append('hub.mode', rng.pick(['subscribe', 'unsubscribe', headerValue(rng)]));
        if (rng.chance(0.8)) query.append('hub.verify_token', rng.chance(0.5) ? secret.verifyToken : headerValue(rng));
        if (rng.chance(0.8)) query.append('hub.challenge', rng.chance(0.5) ? String(rng.int(0, 2_000_000_000)) : headerValue(rng));
        if (rng.chance(0.1)) query.append('hub.challenge', 'twice');
        return { method: 'GET', path: `/webhooks/${channel}?${query.toString()}${rng.chance(0.1) ? '&hub.mode=%ZZ&hub[verify_token]=x' : ''}`, headers: {}, shape: 'query' };
      },
    },
  ];
  const slackEvent = (rng: FuzzRandom, n: number): Json =>
    JSON.parse(slackMessageEvent({ eventId: `EvFuzz${n}`, channel: `D0FUZZ${n % 300}`, text: rng.chance(0.5) ? hostileString(rng) : 'start' })) as Json;
  const slackPress = (rng: FuzzRandom, n: number): Record<string, string> =>
    Object.fromEntries(
      new URLSearchParams(
        slackButtonPress({ channel: `D0FUZZ${n % 300}`, actionTs: `1700000000.${n}`, value: rng.pick(['s:3', 's:10', 'c:price', 'c:x', 's:99']), label: '3', messageTs: '1700000000.1', messageText: 'How likely?' }),
      ),
    );
  const activity = (rng: FuzzRandom, n: number): Json =>
    botFrameworkActivity(rng.pick(['message', 'conversation-update'] as const), {
      id: `fuzz-${n}`,
      conversationId: `fuzz-bf-${n % 300}`,
      serviceUrl: secrets.connectorUrl,
      text: rng.chance(0.5) ? hostileString(rng) : undefined,
    }) as Json;
  const input = (rng: FuzzRandom, n: number): Json => ({
    id: `fuzz-${n}-00000000`,
    input: rng.pick<Json>([{ kind: 'scale', value: rng.int(0, 10) }, { kind: 'choice', code: 'price' }, { kind: 'text', text: 'hello' }, { kind: 'contact', phone: '+380671234567' }, { kind: 'command', command: 'stop' }]),
  });

  return [
    {
      name: 'POST /webhooks/telegram (signed)',
      build: (rng, n) => withBody('/webhooks/telegram', hostileJsonBody(rng, telegram(rng, n)), telegramSecretHeader(secrets.telegramSecret)),
    },
    {
      name: 'POST /webhooks/telegram (unsigned or forged)',
      build: (rng, n) => withBody('/webhooks/telegram', hostileJsonBody(rng, telegram(rng, n)), rng.chance(0.5) ? {} : { 'X-Telegram-Bot-Api-Secret-Token': headerValue(rng) || 'wrong' }, [400, 401, 413, 415]),
    },
    {
      name: 'POST /webhooks/slack events (signed JSON)',
      build: (rng, n) => {
        const body = hostileJsonBody(rng, slackEvent(rng, n));
        return withBody('/webhooks/slack', body, slackSignatureHeaders(secrets.slackSigningSecret, body.body));
      },
    },
    {
      name: 'POST /webhooks/slack interactivity (signed form)',
      build: (rng, n) => {
        const body = hostileFormBody(rng, slackPress(rng, n));
        return withBody('/webhooks/slack', body, slackSignatureHeaders(secrets.slackSigningSecret, body.body));
      },
    },
    {
      name: 'POST /webhooks/slack supervisor interactivity (signed form)',
      build: (rng, n) => {
        const body = hostileFormBody(rng, supervisorPayload(rng, n));
        return withBody('/webhooks/slack', body, slackSignatureHeaders(secrets.slackSigningSecret, body.body));
      },
    },
    {
      name: 'POST /webhooks/slack slash command (signed form)',
      build: (rng) => {
        const text = rng.chance(0.5) ? rng.pick(['stats', 'INC-1', '42', 'inc-99999999999', '', 'help', 'STATS ']) : hostileString(rng);
        const body = hostileFormBody(rng, { command: rng.pick(['/turbota', '/x', '']), text, user_id: 'U0FUZZ', response_url: 'https://hooks.slack.com/commands/T0/1/x', trigger_id: '1.2' });
        return withBody('/webhooks/slack', body, slackSignatureHeaders(secrets.slackSigningSecret, body.body));
      },
    },
    {
      name: 'POST /webhooks/slack (unsigned, forged or stale)',
      build: (rng, n) => {
        const body = rng.chance(0.5) ? hostileJsonBody(rng, slackEvent(rng, n)) : hostileFormBody(rng, rng.chance(0.5) ? slackPress(rng, n) : supervisorPayload(rng, n));
        const now = Math.floor(Date.now() / 1000);
        const headers = rng.pick<Record<string, string>>([
          {},
          slackSignatureHeaders('another-secret', body.body),
          slackSignatureHeaders(secrets.slackSigningSecret, body.body, { at: now - rng.int(400, 10_000_000) }),
          slackSignatureHeaders(secrets.slackSigningSecret, body.body, { at: now + rng.int(400, 10_000_000) }),
          { ...slackSignatureHeaders(secrets.slackSigningSecret, body.body), 'X-Slack-Request-Timestamp': headerValue(rng) || 'x' },
          { ...slackSignatureHeaders(secrets.slackSigningSecret, body.body), 'X-Slack-Signature': headerValue(rng) || 'v0=' },
        ]);
        // A stale or broken request is refused before its body is read; one Express could not parse has no raw body to sign.
        return withBody('/webhooks/slack', body, headers, [400, 401, 413, 415]);
      },
    },
    {
      name: 'POST /webhooks/viber (signed)',
      build: (rng, n) => {
        const body = hostileJsonBody(rng, viber(rng, n));
        return withBody('/webhooks/viber', body, viberSignatureHeader(secrets.viberAuthToken, body.body));
      },
    },
    {
      name: 'POST /webhooks/viber (unsigned or forged)',
      build: (rng, n) => {
        const body = hostileJsonBody(rng, viber(rng, n));
        const headers = rng.pick<Record<string, string>>([{}, viberSignatureHeader('another-token', body.body), { 'X-Viber-Content-Signature': headerValue(rng) || 'x' }]);
        return withBody('/webhooks/viber', body, headers, [400, 401, 413, 415]);
      },
    },
    ...metaTargets('messenger', { appSecret: secrets.messengerAppSecret, verifyToken: secrets.messengerVerifyToken }, messenger),
    ...metaTargets('whatsapp', { appSecret: secrets.whatsappAppSecret, verifyToken: secrets.whatsappVerifyToken }, whatsapp),
    ...smsTargets(secrets.sms),
    {
      name: 'POST /api/messages (Bot Framework, anonymous)',
      build: (rng, n) => withBody('/api/messages', hostileJsonBody(rng, activity(rng, n))),
    },
    {
      name: 'POST /chat/api/sessions',
      build: (rng) => withBody('/chat/api/sessions', hostileJsonBody(rng, { locale: rng.pick(['uk', 'ru', 'en']), point: 'kyiv-central', ...(rng.chance(0.3) ? { session: secrets.webChatSession } : {}) })),
    },
    {
      name: 'POST /chat/api/sessions/{token}/inputs',
      build: (rng, n) => {
        const token = rng.chance(0.7) ? secrets.webChatSession : pathSegment(rng);
        return withBody(`/chat/api/sessions/${token}/inputs`, hostileJsonBody(rng, input(rng, n)));
      },
    },
    {
      name: 'GET /chat/api/sessions/{token}/events',
      build: (rng): FuzzRequest => ({
        method: 'GET',
        path: `/chat/api/sessions/${pathSegment(rng)}/events`,
        headers: rng.chance(0.5) ? { 'Last-Event-ID': headerValue(rng) } : {},
        shape: 'bad-token',
      }),
    },
    {
      name: 'GET /chat/s/{token} (a survey link)',
      build: (rng): FuzzRequest => ({
        method: 'GET',
        path: `/chat/s/${rng.chance(0.3) ? `sv_${pathSegment(rng)}` : pathSegment(rng)}${rng.chance(0.3) ? `?lang=${encodeURIComponent(headerValue(rng))}` : ''}${rng.chance(0.3) ? `${rng.chance(0.5) ? '&' : '?'}answer=${encodeURIComponent(headerValue(rng))}` : ''}`,
        headers: rng.chance(0.3) ? { 'Accept-Language': headerValue(rng) } : {},
        shape: 'bad-token',
      }),
    },
    {
      name: 'GET and POST /chat/s/{token}/unsubscribe (an e-mail\'s unsubscribe)',
      build: (rng): FuzzRequest => ({
        method: rng.chance(0.5) ? 'GET' : 'POST',
        path: `/chat/s/${rng.chance(0.3) ? `sv_${pathSegment(rng)}` : pathSegment(rng)}/unsubscribe`,
        headers: { 'Content-Type': rng.pick(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) },
        body: Buffer.from(rng.chance(0.5) ? 'List-Unsubscribe=One-Click' : JSON.stringify(hostileValue(rng)).slice(0, 3_000)),
        shape: 'bad-token',
      }),
    },
    {
      name: 'GET /chat (page and assets)',
      build: (rng): FuzzRequest => {
        const query = new URLSearchParams();
        if (rng.chance(0.8)) query.append('point', JSON.stringify(hostileValue(rng)).replace(/[\ud800-\udfff]/g, '\ufffd').slice(0, 3_000));
        if (rng.chance(0.8)) query.append('lang', rng.chance(0.5) ? rng.pick(['uk', 'ru', 'en', 'UK', '']) : headerValue(rng));
        if (rng.chance(0.2)) query.append('point', 'twice');
        const path = rng.chance(0.8) ? `/chat?${query.toString()}${rng.chance(0.1) ? '&point=%ZZ&lang[]=x' : ''}` : `/chat/assets/${pathSegment(rng)}`;
        return { method: 'GET', path, headers: rng.chance(0.3) ? { 'Accept-Language': headerValue(rng) } : {}, shape: 'query' };
      },
    },
  ];
}

/** The SMS provider's report route, signed and unsigned or forged. */
function smsTargets(sms: SmsSecrets): FuzzTarget[] {
  const refused = [400, 401, 413, 415];
  if (sms.provider === 'twilio') {
    const signed = (token: string, body: RawBody) => twilioSignature(token, sms.callbackUrl, [...new URLSearchParams(body.body.toString('utf8'))]);
    return [
      {
        name: 'POST /webhooks/sms/twilio (signed)',
        build: (rng, n) => {
          const body = hostileFormBody(rng, twilioCallback(rng, n));
          return withBody('/webhooks/sms/twilio', body, { 'X-Twilio-Signature': signed(sms.authToken, body) });
        },
      },
      {
        name: 'POST /webhooks/sms/twilio (unsigned or forged)',
        build: (rng, n) => {
          const body = hostileFormBody(rng, twilioCallback(rng, n));
          const headers = rng.pick<Record<string, string>>([{}, { 'X-Twilio-Signature': headerValue(rng) || 'x' }, { 'X-Twilio-Signature': signed('another-token', body) }]);
          return withBody('/webhooks/sms/twilio', body, headers, refused);
        },
      },
    ];
  }
  // TurboSMS signs an event's id alone: a signed case keeps the id and hostile fields around it.
  const signatureOf = (secret: string, id: string) => createHash('sha1').update(secret + id).digest('hex');
  return [
    {
      name: 'POST /webhooks/sms/turbosms (signed)',
      build: (rng, n) => {
        const event = turboSmsEvent(rng, n);
        return withBody('/webhooks/sms/turbosms', hostileJsonBody(rng, { ...event, signature: signatureOf(sms.webhookSecret, event.id) }));
      },
    },
    {
      name: 'POST /webhooks/sms/turbosms (unsigned or forged)',
      build: (rng, n) => {
        const event = turboSmsEvent(rng, n);
        const signature = rng.pick<string | undefined>([undefined, headerValue(rng), signatureOf('another-secret', event.id), signatureOf(sms.webhookSecret, `${event.id}-replayed`)]);
        return withBody('/webhooks/sms/turbosms', hostileJsonBody(rng, signature === undefined ? event : { ...event, signature }), {}, refused);
      },
    },
  ];
}

/** A Twilio status callback or a customer's reply, for a message Turbota may never have sent. */
function twilioCallback(rng: FuzzRandom, n: number): Record<string, string> {
  return rng.chance(0.7)
    ? { AccountSid: `AC${'0'.repeat(32)}`, MessageSid: `SM${String(n).padStart(32, '0')}`, MessageStatus: rng.pick(['queued', 'sent', 'delivered', 'undelivered', 'failed', 'read', 'x']), ErrorCode: rng.pick(['', '30003', '21610']), To: '+380671234567' }
    : { AccountSid: `AC${'0'.repeat(32)}`, MessageSid: `SM${n}`, SmsStatus: 'received', From: rng.pick(['+380671234567', '0671234567', '']), Body: rng.pick(['STOP', 'стоп', 'hello', '']) };
}

/** A TurboSMS webhook event: mostly a delivery report, for a message Turbota may never have sent. */
function turboSmsEvent(rng: FuzzRandom, n: number): { id: string } & Record<string, Json> {
  const status = rng.pick(['Delivered', 'Sent', 'Enroute', 'Undelivered', 'Expired', 'Rejected', 'Unknown', 'x']);
  return { id: `fuzz-${n}`, type: rng.pick(['DLR_SMS_API', 'DLR_SMS_API', 'DLR_VIBER_API', 'x']), date: '2026-12-07 10:00:00', try: 1, data: { message_id: rng.chance(0.8) ? `${n}` : hostileString(rng), recipient: '380671234567', status } };
}
