import { createHmac } from 'node:crypto';

/**
 * How each platform signs what it posts to our webhooks, and one call per platform to post a
 * recorded update there signed that way. Tests that forge a signature pass the wrong secret,
 * time or body through the options instead of signing by hand.
 */

const JSON_TYPE = { 'Content-Type': 'application/json' };
const FORM_TYPE = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** Telegram's shared secret, sent as is with every update (`setWebhook`'s `secret_token`). */
export const telegramSecretHeader = (secret: string) => ({ 'X-Telegram-Bot-Api-Secret-Token': secret });

/** What `postTelegramUpdate` sends besides the update. */
export interface TelegramPostOptions {
  /** The webhook secret; `null` sends no secret header at all. */
  secret: string | null;
  /** The body as sent, instead of the update as JSON (a malformed body). */
  raw?: string;
  signal?: AbortSignal;
}

/** Posts a Telegram update to `/webhooks/telegram` as the Bot API does. */
export function postTelegramUpdate(baseUrl: string, update: unknown, options: TelegramPostOptions): Promise<Response> {
  return fetch(`${baseUrl}/webhooks/telegram`, {
    method: 'POST',
    headers: { ...JSON_TYPE, ...(options.secret === null ? {} : telegramSecretHeader(options.secret)) },
    body: options.raw ?? JSON.stringify(update),
    signal: options.signal,
  });
}

/** When and with what a Slack request is signed; a forged request changes one of them. */
export interface SlackSigning {
  /** Seconds since the epoch sent in X-Slack-Request-Timestamp; now by default. */
  at?: number;
  /** The time put into the signed base string, when it differs from `at` (a replay). */
  signedAt?: number;
}

/** Slack's signature headers: `v0=` HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function slackSignatureHeaders(secret: string, body: string | Buffer, signing: SlackSigning = {}): Record<string, string> {
  const at = signing.at ?? Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', secret)
    .update(`v0:${signing.signedAt ?? at}:`)
    .update(body)
    .digest('hex');
  return { 'X-Slack-Request-Timestamp': String(at), 'X-Slack-Signature': `v0=${signature}` };
}

/** What `postToSlack` sends besides the body. */
export interface SlackPostOptions extends SlackSigning {
  /** The signing secret; `null` sends no signature headers. */
  secret: string | null;
  /** Events come as JSON; interactivity and slash commands as a form. */
  type: 'json' | 'form';
  /** Extra headers (Slack's retry headers), or headers that replace the signature. */
  headers?: Record<string, string>;
}

/** Posts a Slack request (an event, a button press, a slash command) to `/webhooks/slack`, signed as Slack signs it. */
export function postToSlack(baseUrl: string, body: string, options: SlackPostOptions): Promise<Response> {
  const signature = options.secret === null ? {} : slackSignatureHeaders(options.secret, body, options);
  return fetch(`${baseUrl}/webhooks/slack`, {
    method: 'POST',
    headers: { ...(options.type === 'json' ? JSON_TYPE : FORM_TYPE), ...signature, ...options.headers },
    body,
  });
}

/** Viber's signature: HMAC-SHA256 of the raw body with the bot's auth token, in hex. */
export const viberSignature = (token: string, body: string | Buffer) => createHmac('sha256', token).update(body).digest('hex');

/** The header Viber signs a callback with. */
export const viberSignatureHeader = (token: string, body: string | Buffer) => ({ 'X-Viber-Content-Signature': viberSignature(token, body) });

/** Posts a raw Viber callback to `/webhooks/viber`, signed with `token`, or with `signature` as given (a forgery). */
export function postViberCallback(baseUrl: string, raw: string, options: { token: string; signature?: string }): Promise<Response> {
  const signature = options.signature === undefined ? viberSignatureHeader(options.token, raw) : { 'X-Viber-Content-Signature': options.signature };
  return fetch(`${baseUrl}/webhooks/viber`, { method: 'POST', headers: { ...JSON_TYPE, ...signature }, body: raw });
}

/** Meta's signature (Messenger, WhatsApp): `sha256=` and the hex HMAC-SHA256 of the raw body with the app secret. */
export const metaSignatureHeader = (appSecret: string, body: string | Buffer) => ({ 'X-Hub-Signature-256': `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}` });

/** Posts a raw Messenger webhook to `/webhooks/messenger`, signed with `appSecret`, or with `signature` as given (`null`: none, a forgery). */
export function postMessengerEvent(baseUrl: string, raw: string, options: { appSecret: string; signature?: string | null }): Promise<Response> {
  const signature = options.signature === undefined ? metaSignatureHeader(options.appSecret, raw) : options.signature === null ? {} : { 'X-Hub-Signature-256': options.signature };
  return fetch(`${baseUrl}/webhooks/messenger`, { method: 'POST', headers: { ...JSON_TYPE, ...signature }, body: raw });
}

/** Posts a raw WhatsApp Cloud API webhook to `/webhooks/whatsapp`, signed with `appSecret`, or with `signature` as given (`null`: none, a forgery). */
export function postWhatsappEvent(baseUrl: string, raw: string, options: { appSecret: string; signature?: string | null }): Promise<Response> {
  const signature = options.signature === undefined ? metaSignatureHeader(options.appSecret, raw) : options.signature === null ? {} : { 'X-Hub-Signature-256': options.signature };
  return fetch(`${baseUrl}/webhooks/whatsapp`, { method: 'POST', headers: { ...JSON_TYPE, ...signature }, body: raw });
}

/** Meta's subscription check, `GET /webhooks/messenger?hub.mode=…&hub.verify_token=…&hub.challenge=…` (or `/webhooks/whatsapp`). */
export function messengerHandshake(baseUrl: string, params: { mode?: string; verifyToken?: string; challenge?: string }, channel: 'messenger' | 'whatsapp' = 'messenger'): Promise<Response> {
  const query = new URLSearchParams();
  if (params.mode !== undefined) query.set('hub.mode', params.mode);
  if (params.verifyToken !== undefined) query.set('hub.verify_token', params.verifyToken);
  if (params.challenge !== undefined) query.set('hub.challenge', params.challenge);
  return fetch(`${baseUrl}/webhooks/${channel}?${query.toString()}`);
}

/**
 * Posts a Bot Framework activity to `/api/messages`. Test apps run the connector anonymous
 * (BOTFRAMEWORK_ANONYMOUS), so no JWT is needed; `headers` carries one when a test signs.
 */
export function postBotFrameworkActivity(baseUrl: string, activity: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(activity) });
}
