import type { Prompt } from './prompt';

/**
 * What one messenger accepts in one message. Lengths are UTF-16 code units (JavaScript's
 * `length`; Telegram counts its 4,096 after entities parsing in the same units as its entity
 * offsets), unless the name says bytes. An absent limit is one the platform does not publish.
 */
export interface ChannelLimits {
  /** The channel's name, as its adapter has it. */
  channel: string;
  /** The platform's name for people: "Telegram". */
  title: string;
  /** The text of one message. */
  messageText: number;
  /** The text on one button. */
  buttonText?: number;
  /** What a button sends back, in UTF-8 bytes. */
  buttonPayloadBytes?: number;
  /** One text block of a message, where a message is made of blocks (Slack's `section`). */
  sectionText?: number;
  /** A header block. */
  headerText?: number;
  /** The whole request body, in UTF-8 bytes. */
  requestBytes?: number;
  /** The most buttons one message carries. */
  buttons?: number;
  /** The text of a message that carries buttons or a list, where it is shorter than a plain one's (WhatsApp's interactive body). */
  interactiveText?: number;
  /** The most rows of a list of answers behind one button (WhatsApp's list message). */
  listRows?: number;
  /** The title of one row of such a list. */
  listRowText?: number;
}

/**
 * Telegram Bot API (https://core.telegram.org/bots/api#sendmessage): `text` "1-4096 characters
 * after entities parsing", also for `editMessageText`; `InlineKeyboardButton.callback_data`
 * "1-64 bytes". Telegram publishes no limit for a button's text.
 */
export const TELEGRAM_LIMITS = { channel: 'telegram', title: 'Telegram', messageText: 4096, buttonPayloadBytes: 64 } as const satisfies ChannelLimits;

/**
 * Viber REST bot API (https://developers.viber.com/docs/api/rest-bot-api/#send-message): a text
 * message "max length 7,000 characters", the whole request at most 30 KB; keyboard buttons
 * (https://developers.viber.com/docs/tools/keyboards/#buttons-parameters): `Text` "max 250 characters".
 */
export const VIBER_LIMITS = { channel: 'viber', title: 'Viber', messageText: 7000, buttonText: 250, requestBytes: 30_000 } as const satisfies ChannelLimits;

/**
 * Slack (https://api.slack.com/reference/block-kit/blocks): a `section`'s text "maximum length
 * 3000 characters", a `header` 150; a button's `plain_text` 75
 * (https://api.slack.com/reference/block-kit/block-elements#button), its `value` 2,000;
 * `chat.postMessage` truncates a `text` over 40,000 characters.
 */
export const SLACK_LIMITS = {
  channel: 'slack',
  title: 'Slack',
  messageText: 40_000,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonPayloadBytes: 2000,
} as const satisfies ChannelLimits;

/**
 * Bot Framework (Teams, the Emulator): "the bot message size limit is 40 KB" of the whole
 * activity encoded as UTF-16 (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages),
 * about 20,000 code units with the card around the text; no separate limit on the text.
 */
export const BOTFRAMEWORK_LIMITS = { channel: 'botframework', title: 'Microsoft Teams', messageText: 20_000 } as const satisfies ChannelLimits;

/**
 * Messenger Platform: a text message's `text` "has a 2000 character limit"
 * (https://developers.facebook.com/docs/messenger-platform/reference/send-api/); quick replies
 * (https://developers.facebook.com/docs/messenger-platform/reference/buttons/quick-replies):
 * "a maximum of 13", each `title` "20 character limit" (longer ones are truncated), `payload`
 * 1,000 characters (ours are a few bytes: `s:7`, `c:<code>`).
 */
export const MESSENGER_LIMITS = { channel: 'messenger', title: 'Messenger', messageText: 2000, buttonText: 20, buttons: 13 } as const satisfies ChannelLimits;

/**
 * WhatsApp Cloud API (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/text-messages,
 * .../interactive-reply-buttons-messages, .../interactive-list-messages): a text message's body
 * 4,096 characters; an interactive message's body 1,024; at most 3 reply buttons, each title 20
 * characters and id 256; a list at most 10 rows, each title 24 characters (description 72), its
 * button's label 20. Over a limit, the Cloud API refuses the message (131009), it cuts nothing.
 */
export const WHATSAPP_LIMITS = {
  channel: 'whatsapp',
  title: 'WhatsApp',
  messageText: 4096,
  interactiveText: 1024,
  buttonText: 20,
  buttons: 3,
  listRows: 10,
  listRowText: 24,
} as const satisfies ChannelLimits;

/**
 * The most of a customer's own words one message keeps, in UTF-16 code units: every channel
 * cuts longer words to it as they come in, and the web chat refuses more.
 */
export const CUSTOMER_TEXT_LIMIT = 4000;

/** Every channel's limits, by channel name. */
export const CHANNEL_LIMITS: Readonly<Record<string, ChannelLimits>> = Object.fromEntries(
  [TELEGRAM_LIMITS, VIBER_LIMITS, SLACK_LIMITS, BOTFRAMEWORK_LIMITS, MESSENGER_LIMITS, WHATSAPP_LIMITS].map((limits: ChannelLimits) => [limits.channel, limits]),
);

/** One part of a rendered message that is longer than its channel takes. */
export interface Overflow {
  /** What overflows, as people say it: "message text with its answer labels and receipt". */
  part: string;
  length: number;
  limit: number;
  /** The unit of `length` and `limit`. */
  unit: 'characters' | 'bytes' | 'buttons';
}

/**
 * What a channel's own renderer would send of a prompt that does not fit the channel; empty
 * when it can be delivered. Each channel provides one beside its renderer.
 */
export type DeliverabilityCheck = (prompt: Prompt) => Overflow[];

/** Length as the platforms count it: UTF-16 code units. */
export const textLength = (text: string): number => text.length;

/** Length in UTF-8 bytes, for limits given in bytes. */
export const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The overflow of one text against one limit, or none (an absent limit never overflows). */
export function overflowOf(part: string, text: string, limit: number | undefined, unit: Exclude<Overflow['unit'], 'buttons'> = 'characters'): Overflow[] {
  if (limit === undefined) return [];
  const length = unit === 'bytes' ? byteLength(text) : textLength(text);
  return length > limit ? [{ part, length, limit, unit }] : [];
}

/** The overflow of a message's buttons against the most it may carry, or none. */
export function buttonsOverflow(part: string, count: number, limit: number | undefined): Overflow[] {
  return limit !== undefined && count > limit ? [{ part, length: count, limit, unit: 'buttons' }] : [];
}

/**
 * A text cut to a limit with an ellipsis, never splitting a surrogate pair: the last resort at
 * send time, for texts the pool check could not see (a greeting before a question).
 */
export function clip(text: string, limit: number): string {
  if (textLength(text) <= limit) return text;
  let end = Math.max(0, limit - 1);
  if (/[\ud800-\udbff]/.test(text.charAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}
