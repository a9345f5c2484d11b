import type { Locale } from '@turbota/common';
import { normaliseContact } from '@turbota/surveys';
import { type ChannelEvent, type InboundEvent, MalformedRequestError } from '../channel-adapter';
import { commandOf, decodeAnswer, inputOfText, type ReadInput, startCommand } from '../channel-grammar';

/*
 * What Messenger posts to the webhook (https://developers.facebook.com/docs/messenger-platform/webhooks):
 * `{ object: 'page', entry: [{ id, time, messaging: [event] }] }`, each event from one person
 * (`sender.id`, their page-scoped id, the PSID) to the Page (`recipient.id`), at `timestamp`.
 */

/** A referral: an `m.me/<page>?ref=<ref>` link opened (`SHORTLINK`), or an ad, with what it carries. */
interface Referral {
  ref?: unknown;
  source?: unknown;
  type?: unknown;
}

/** The fields of a messaging event Turbota reads. */
interface MessagingEvent {
  sender?: { id?: unknown };
  timestamp?: unknown;
  /** A message the person sent, or (`is_echo`) one the Page sent. */
  message?: { mid?: unknown; text?: unknown; is_echo?: unknown; quick_reply?: { payload?: unknown } };
  /** A button tapped: Get Started, a persistent menu item; `referral` when Get Started came from an `m.me` link. */
  postback?: { mid?: unknown; title?: unknown; payload?: unknown; referral?: Referral };
  /** An `m.me` link with `ref` opened in a conversation the person already had. */
  referral?: Referral;
  /** Messages up to `watermark` (ms), and those of `mids`, reached the person's device. */
  delivery?: { mids?: unknown; watermark?: unknown };
  /** Messages up to `watermark` were read. */
  read?: { watermark?: unknown };
}

/** The events of one webhook delivery, in the order Messenger put them. */
export function eventsOfWebhook(body: unknown, defaultLocale: Locale): ChannelEvent[] {
  const webhook = body as { object?: unknown; entry?: unknown } | null;
  if (typeof webhook !== 'object' || webhook === null || Array.isArray(webhook) || typeof webhook.object !== 'string' || !Array.isArray(webhook.entry)) {
    throw new MalformedRequestError('The body is not a Messenger webhook: object and entry[] are missing');
  }
  // The app's other subscriptions (Instagram, a Page's feed) posted here carry nothing for this channel.
  if (webhook.object !== 'page') return [];
  return webhook.entry.flatMap((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null) throw new MalformedRequestError(`entry[${i}] is not an object`);
    const messaging = (entry as { messaging?: unknown }).messaging;
    // Entries without `messaging` (`standby` under the handover protocol, `changes` of a feed) are not for Turbota.
    if (messaging === undefined) return [];
    if (!Array.isArray(messaging)) throw new MalformedRequestError(`entry[${i}].messaging is not a list`);
    return messaging.flatMap((event: unknown, j) => eventsOf(event, `entry[${i}].messaging[${j}]`, defaultLocale));
  });
}

function eventsOf(value: unknown, at: string, defaultLocale: Locale): ChannelEvent[] {
  if (typeof value !== 'object' || value === null) throw new MalformedRequestError(`${at} is not an object`);
  const event = value as MessagingEvent;
  // The Page's own messages come back as echoes: nothing the customer did.
  if (isObject(event.message) && event.message.is_echo === true) return [];
  const address = event.sender?.id;
  if (typeof address !== 'string' || !address) throw new MalformedRequestError(`${at}.sender.id is missing`);
  if (isObject(event.message)) return messageEvents(event.message, address, at, defaultLocale);
  if (isObject(event.postback)) return postbackEvents(event, address, at, defaultLocale);
  if (isObject(event.referral)) {
    const read = referralInput(event.referral);
    return read ? [inputEvent(address, `mg:ref:${address}:${timestampOf(event, at)}`, read, defaultLocale)] : [];
  }
  if (isObject(event.delivery)) return deliveryEvents(event.delivery, address, at);
  if (isObject(event.read)) return [{ kind: 'watermark', address, status: 'seen', watermark: watermarkOf(event.read.watermark, `${at}.read`) }];
  // Opt-ins, reactions, handovers and the rest carry no input Turbota uses.
  return [];
}

/** Typed words (commands among them), a quick reply tapped, or the customer's own phone or e-mail from a contact quick reply. */
function messageEvents(message: NonNullable<MessagingEvent['message']>, address: string, at: string, defaultLocale: Locale): InboundEvent[] {
  if (typeof message.mid !== 'string' || !message.mid) throw new MalformedRequestError(`${at}.message.mid is missing`);
  const payload = message.quick_reply?.payload;
  const read = (typeof payload === 'string' ? quickReplyInput(payload) : undefined) ?? (typeof message.text === 'string' && message.text.trim() ? inputOfText(message.text.trim()) : undefined);
  // A sticker, an image or a location alone: nothing to read.
  return read ? [inputEvent(address, `mg:${message.mid}`, read, defaultLocale)] : [];
}

/**
 * A quick reply's payload: an answer (`s:7`, `c:slow`); or, from the `user_phone_number` and
 * `user_email` quick replies, the customer's own phone or e-mail, which Messenger fills in
 * and the customer confirms by the tap (their consent, as Telegram's "share my phone").
 */
function quickReplyInput(payload: string): ReadInput | undefined {
  const answer = decodeAnswer(payload);
  if (answer.kind !== 'unknown') return { input: answer };
  const contact = commandOf(payload) ? undefined : normaliseContact(payload);
  return contact ? { input: { kind: 'contact', ...contact } } : undefined;
}

/**
 * A postback: the Get Started button (whose payload the Page sets to `/start`, or `/start <point>`)
 * or a persistent menu item. Where Get Started came from an `m.me` link, its `referral.ref`
 * names the point or carries a survey link's token, read as a `/start` with it. A payload that
 * is no command and no answer (a menu item of the Page's own) is not for Turbota.
 */
function postbackEvents(event: MessagingEvent, address: string, at: string, defaultLocale: Locale): InboundEvent[] {
  const postback = event.postback!;
  const key = typeof postback.mid === 'string' && postback.mid ? `mg:${postback.mid}` : `mg:pb:${address}:${timestampOf(event, at)}`;
  const fromLink = isObject(postback.referral) ? referralInput(postback.referral) : undefined;
  const payload = typeof postback.payload === 'string' ? postback.payload.trim() : '';
  const answer = decodeAnswer(payload);
  const read = fromLink ?? (answer.kind !== 'unknown' ? { input: answer } : commandOf(payload) ? inputOfText(payload) : undefined);
  return read ? [inputEvent(address, key, read, defaultLocale)] : [];
}

/** An `m.me/<page>?ref=<ref>` link's ref as a `/start` through the grammar: a point's code, a survey link's token, or nothing valid. */
function referralInput(referral: Referral): ReadInput | undefined {
  if (typeof referral.ref !== 'string' || !referral.ref.trim()) return undefined;
  return inputOfText(startCommand(referral.ref.trim()));
}

/** Messenger sends no language: the customer is asked in the installation's default one. */
function inputEvent(address: string, key: string, read: ReadInput, defaultLocale: Locale): InboundEvent {
  const { input, pointOfService, surveyLink } = read;
  const context = input.kind === 'start' ? { locale: defaultLocale, pointOfService, surveyLink } : { locale: defaultLocale };
  return { kind: 'input', address, key, input, context };
}

/** Each message named in `mids`, or, when Messenger leaves them out, everything up to the watermark. */
function deliveryEvents(delivery: NonNullable<MessagingEvent['delivery']>, address: string, at: string): ChannelEvent[] {
  const mids: unknown = delivery.mids;
  if (mids !== undefined && !isTextList(mids)) throw new MalformedRequestError(`${at}.delivery.mids is not a list of message ids`);
  if (mids?.length) return mids.map((mid) => ({ kind: 'delivery', platformMessageId: mid, status: 'delivered' }));
  return [{ kind: 'watermark', address, status: 'delivered', watermark: watermarkOf(delivery.watermark, `${at}.delivery`) }];
}

function watermarkOf(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw new MalformedRequestError(`${at}.watermark is not a time in milliseconds`);
  return value;
}

function timestampOf(event: MessagingEvent, at: string): number {
  const { timestamp } = event;
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) throw new MalformedRequestError(`${at}.timestamp is missing`);
  return timestamp;
}

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isObject<T>(value: T | null | undefined): value is T & object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
