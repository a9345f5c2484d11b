import { type Locale, pickLocale } from '@turbota/common';
import { type ChannelEvent, MalformedRequestError } from '../channel-adapter';
import { decodeAnswer, inputOfText, type ReadInput } from '../channel-grammar';

/** What Viber posts to the webhook (https://developers.viber.com/docs/api/rest-bot-api/#callbacks). */
export interface ViberCallback {
  event: string;
  timestamp?: number;
  message_token?: number;
  user_id?: string;
  desc?: string;
  context?: string;
  user?: ViberUser;
  sender?: ViberUser;
  message?: { type: string; text?: string; contact?: { phone_number?: string }; tracking_data?: string };
}

interface ViberUser {
  id: string;
  name?: string;
  language?: string;
}

/**
 * The events of one Viber callback. `message_token` is a 64-bit number that JSON loses
 * precision on, so it is read from the raw body's text.
 */
export function eventsOfCallback(body: unknown, rawBody: string, defaultLocale: Locale): ChannelEvent[] {
  const callback = body as Partial<ViberCallback> | null;
  if (typeof callback !== 'object' || callback === null || typeof callback.event !== 'string') {
    throw new MalformedRequestError('The body is not a Viber callback: event is missing');
  }
  const token = /"message_token"\s*:\s*"?(\d{1,20})/.exec(rawBody)?.[1];
  switch (callback.event) {
    case 'message':
      return messageEvents(callback, token, defaultLocale);
    case 'subscribed':
      return callback.user?.id ? [{ kind: 'subscription', address: callback.user.id, subscribed: true }] : [];
    case 'unsubscribed':
      return callback.user_id ? [{ kind: 'subscription', address: callback.user_id, subscribed: false }] : [];
    case 'delivered':
    case 'seen':
    case 'failed':
      return token ? [{ kind: 'delivery', platformMessageId: token, status: callback.event, detail: callback.desc }] : [];
    default:
      // `webhook` (the set-up probe) and `conversation_started` (answered with a welcome) carry no input.
      return [];
  }
}

function messageEvents(callback: Partial<ViberCallback>, token: string | undefined, defaultLocale: Locale): ChannelEvent[] {
  const { sender, message } = callback;
  if (!sender?.id || !message || !token) throw new MalformedRequestError('A Viber message needs sender.id, message and message_token');
  const read = inputOf(message);
  if (!read) return [];
  const { input, pointOfService, surveyLink } = read;
  return [
    {
      kind: 'input',
      address: sender.id,
      key: `vb:${token}`,
      input,
      context: { locale: pickLocale([sender.language], defaultLocale), customerName: sender.name, pointOfService, surveyLink },
    },
  ];
}

/**
 * Keyboard replies come back as the button's ActionBody, as the customer's message: an answer
 * (`s:<score>`, `c:<code>`) or `/start <point>` (the welcome's button, where a deep link's
 * context named the point or carried a survey link).
 */
function inputOf(message: NonNullable<ViberCallback['message']>): ReadInput | undefined {
  if (message.type === 'contact') return message.contact?.phone_number ? { input: { kind: 'contact', phone: message.contact.phone_number } } : undefined;
  if (message.type !== 'text' || typeof message.text !== 'string' || !message.text.trim()) return undefined;
  const text = message.text.trim();
  const answer = decodeAnswer(text);
  return answer.kind === 'unknown' ? inputOfText(text) : { input: answer };
}
