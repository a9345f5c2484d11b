import type { Locale } from '@turbota/common';
import { normaliseContact } from '@turbota/surveys';
import { type ChannelEvent, type DeliveryEvent, type InboundEvent, MalformedRequestError } from '../channel-adapter';
import { decodeAnswer, inputOfText, isStartPayload, type ReadInput, startCommand } from '../channel-grammar';
import { SHARE_PHONE_ID } from './whatsapp-render';
import type { WhatsappRecipients } from './whatsapp-recipients';

/*
 * What the Cloud API posts to the webhook (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components):
 * `{ object: 'whatsapp_business_account', entry: [{ id, changes: [{ field: 'messages', value }] }] }`,
 * each `value` for one business phone number (`metadata.phone_number_id`), with the customers'
 * messages (`messages`, their profiles in `contacts`) or the fate of ours (`statuses`).
 */

/** The fields of a customer's message Turbota reads. */
interface WhatsappMessage {
  /** The sender's `wa_id`: their phone number's digits. */
  from?: unknown;
  /** The message id (`wamid.…`), the key of a re-delivery. */
  id?: unknown;
  type?: unknown;
  text?: { body?: unknown };
  /** A reply button tapped (`button_reply`) or a list row chosen (`list_reply`), each with the id we gave it. */
  interactive?: { type?: unknown; button_reply?: { id?: unknown }; list_reply?: { id?: unknown } };
  /** A template's quick-reply button tapped: its payload as the template was sent with it. */
  button?: { payload?: unknown; text?: unknown };
}

/** The report of one message Turbota sent. */
interface WhatsappStatus {
  id?: unknown;
  status?: unknown;
  errors?: { code?: unknown; title?: unknown }[];
}

/** The `value` of a `messages` change. */
interface ChangeValue {
  metadata?: { phone_number_id?: unknown };
  contacts?: { wa_id?: unknown; profile?: { name?: unknown } }[];
  messages?: unknown;
  statuses?: unknown;
}

/** What reading a webhook needs besides its body. */
export interface WebhookReading {
  /** The business phone number this installation answers for: changes of another one are not ours. */
  phoneNumberId: string;
  /** WhatsApp sends no language: customers are asked in this one. */
  defaultLocale: Locale;
  recipients: WhatsappRecipients;
}

/** A `wa_id`: the digits of a phone number in international form. */
const WA_ID = /^\d{6,20}$/;

/** The events of one webhook delivery, in the order WhatsApp put them. */
export function eventsOfWebhook(body: unknown, reading: WebhookReading): ChannelEvent[] {
  const webhook = body as { object?: unknown; entry?: unknown } | null;
  if (!isObject(webhook) || typeof webhook.object !== 'string' || !Array.isArray(webhook.entry)) {
    throw new MalformedRequestError('The body is not a WhatsApp webhook: object and entry[] are missing');
  }
  if (webhook.object !== 'whatsapp_business_account') return [];
  return webhook.entry.flatMap((entry: unknown, i) => {
    if (!isObject(entry)) throw new MalformedRequestError(`entry[${i}] is not an object`);
    const changes = (entry as { changes?: unknown }).changes;
    if (!Array.isArray(changes)) throw new MalformedRequestError(`entry[${i}].changes is not a list`);
    return changes.flatMap((change: unknown, j) => changeEvents(change, `entry[${i}].changes[${j}]`, reading));
  });
}

function changeEvents(change: unknown, at: string, reading: WebhookReading): ChannelEvent[] {
  if (!isObject(change)) throw new MalformedRequestError(`${at} is not an object`);
  const { field, value } = change as { field?: unknown; value?: unknown };
  // Template reviews, quality ratings, account updates: nothing a customer did.
  if (field !== 'messages') return [];
  if (!isObject(value)) throw new MalformedRequestError(`${at}.value is not an object`);
  const change_ = value as ChangeValue;
  // Another number of the same business account, served by something else.
  if (change_.metadata?.phone_number_id !== reading.phoneNumberId) return [];
  const messages = listAt(change_.messages, `${at}.value.messages`);
  const statuses = listAt(change_.statuses, `${at}.value.statuses`);
  return [
    ...messages.flatMap((message, k) => messageEvents(message, change_, `${at}.value.messages[${k}]`, reading)),
    ...statuses.flatMap((status, k) => statusEvents(status, `${at}.value.statuses[${k}]`)),
  ];
}

/** Typed words (commands among them), a button or list row tapped, a template's quick reply; nothing for pictures, voice, locations. */
function messageEvents(value: unknown, change: ChangeValue, at: string, reading: WebhookReading): InboundEvent[] {
  if (!isObject(value)) throw new MalformedRequestError(`${at} is not an object`);
  const message = value as WhatsappMessage;
  if (typeof message.from !== 'string' || !WA_ID.test(message.from)) throw new MalformedRequestError(`${at}.from is not a WhatsApp id`);
  if (typeof message.id !== 'string' || !message.id) throw new MalformedRequestError(`${at}.id is missing`);
  const read = inputOf(message, message.from);
  if (!read) return [];
  const { recipients, defaultLocale } = reading;
  const name = Array.isArray(change.contacts) ? change.contacts.find((c) => c?.wa_id === message.from)?.profile?.name : undefined;
  const customerName = typeof name === 'string' && name.trim() ? { customerName: name.trim() } : {};
  const { input, pointOfService, surveyLink } = read;
  const context = input.kind === 'start' ? { locale: defaultLocale, pointOfService, surveyLink, ...customerName } : { locale: defaultLocale, ...customerName };
  return [{ kind: 'input', address: recipients.addressOf(message.from), key: `wa:${message.id}`, input, context, reference: recipients.referenceOf(message.from) }];
}

function inputOf(message: WhatsappMessage, waId: string): ReadInput | undefined {
  switch (message.type) {
    case 'text':
      return typeof message.text?.body === 'string' && message.text.body.trim() ? inputOfText(message.text.body.trim()) : undefined;
    case 'interactive': {
      const reply = message.interactive?.type === 'button_reply' ? message.interactive.button_reply : message.interactive?.type === 'list_reply' ? message.interactive.list_reply : undefined;
      return typeof reply?.id === 'string' ? tappedInput(reply.id, waId) : undefined;
    }
    case 'button':
      return typeof message.button?.payload === 'string' ? templateReplyInput(message.button.payload.trim()) : undefined;
    default:
      // Pictures, voice, stickers, locations, contact cards, reactions: nothing to read.
      return undefined;
  }
}

/**
 * A reply button or list row of ours: an answer (`s:7`, `c:slow`), or "share my phone", whose
 * tap is the customer's consent to the number WhatsApp already knows them by (as Telegram's).
 */
function tappedInput(id: string, waId: string): ReadInput | undefined {
  if (id === SHARE_PHONE_ID) {
    const contact = normaliseContact(`+${waId}`);
    return contact ? { input: { kind: 'contact', ...contact } } : undefined;
  }
  const answer = decodeAnswer(id);
  return answer.kind === 'unknown' ? undefined : { input: answer };
}

/**
 * A template's quick reply: the invitation's button carries the customer's survey link token
 * (or a point's code), read as a `/start` with it, as a Telegram deep link is; an answer is an answer.
 */
function templateReplyInput(payload: string): ReadInput | undefined {
  if (isStartPayload(payload)) return inputOfText(startCommand(payload));
  const answer = decodeAnswer(payload);
  return answer.kind === 'unknown' ? undefined : { input: answer };
}

/** `delivered`, `read` and `failed` (with Meta's code and title, never the number); `sent` says nothing the send's answer did not. */
function statusEvents(value: unknown, at: string): DeliveryEvent[] {
  if (!isObject(value)) throw new MalformedRequestError(`${at} is not an object`);
  const status = value as WhatsappStatus;
  if (typeof status.id !== 'string' || !status.id) throw new MalformedRequestError(`${at}.id is missing`);
  const platformMessageId = status.id;
  switch (status.status) {
    case 'delivered':
      return [{ kind: 'delivery', platformMessageId, status: 'delivered' }];
    case 'read':
      return [{ kind: 'delivery', platformMessageId, status: 'seen' }];
    case 'failed':
      return [{ kind: 'delivery', platformMessageId, status: 'failed', detail: failureOf(status) }];
    default:
      return [];
  }
}

/** `WhatsApp: 131047 Re-engagement message`: the first error's code and title, as Meta reports why a message did not arrive. */
function failureOf(status: WhatsappStatus): string {
  const error = Array.isArray(status.errors) ? status.errors[0] : undefined;
  const code = typeof error?.code === 'number' || typeof error?.code === 'string' ? String(error.code).slice(0, 20) : 'unknown';
  const title = typeof error?.title === 'string' ? ` ${error.title.slice(0, 200)}` : '';
  return `WhatsApp: ${code}${title}`;
}

function listAt(value: unknown, at: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new MalformedRequestError(`${at} is not a list`);
  return value;
}

function isObject<T>(value: T | null | undefined): value is T & object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
