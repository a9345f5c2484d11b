import type { CallbackQuery, Message, Update } from 'grammy/types';
import { type Locale, pickLocale } from '@turbota/common';
import { type InboundEvent, MalformedRequestError } from '../channel-adapter';
import { decodeAnswer, inputOfText, receiptText } from '../channel-grammar';

/**
 * The events of one Telegram update: private-chat messages (text, commands, a shared phone,
 * a voice note) and button taps. Anything else is not for Turbota and yields nothing.
 */
export function eventsOfUpdate(body: unknown, defaultLocale: Locale): InboundEvent[] {
  const update = body as Partial<Update> | null;
  if (typeof update !== 'object' || update === null || !Number.isSafeInteger(update.update_id)) {
    throw new MalformedRequestError('The body is not a Telegram update: update_id is missing');
  }
  const key = `tg:${update.update_id}`;
  if (update.callback_query) return tapEvents(update.callback_query, key, defaultLocale);
  if (update.message) return messageEvents(update.message, key, defaultLocale);
  return [];
}

function messageEvents(message: Message, key: string, defaultLocale: Locale): InboundEvent[] {
  if (message.chat?.type !== 'private' || !message.from) return [];
  const context = { locale: pickLocale([message.from.language_code], defaultLocale), customerName: message.from.first_name };
  const address = String(message.chat.id);
  if (message.contact) {
    // Only the customer's own number counts as consent to be called on it.
    if (message.contact.user_id !== message.from.id) return [];
    return [{ kind: 'input', address, key, context, input: { kind: 'contact', phone: message.contact.phone_number } }];
  }
  if (message.voice) {
    const { file_id: fileId, duration } = message.voice;
    if (typeof fileId !== 'string' || !fileId) throw new MalformedRequestError('A Telegram voice message needs its file_id');
    const durationSeconds = Number.isSafeInteger(duration) && duration >= 0 && duration < 2 ** 31 ? duration : 0;
    return [{ kind: 'input', address, key, context, input: { kind: 'voice', fileId, durationSeconds } }];
  }
  if (typeof message.text !== 'string' || !message.text.trim()) return [];
  // A deep link (`t.me/bot?start=kyiv-central`) comes as `/start kyiv-central` and names the point of service, or carries a survey link's token.
  const { input, pointOfService, surveyLink } = inputOfText(message.text);
  return [{ kind: 'input', address, key, context: input.kind === 'start' ? { ...context, pointOfService, surveyLink } : context, input }];
}

function tapEvents(tap: CallbackQuery, key: string, defaultLocale: Locale): InboundEvent[] {
  const message = tap.message;
  if (!message || message.chat?.type !== 'private') return [];
  const input = decodeAnswer(tap.data);
  if (input.kind === 'unknown') return [];
  const context = { locale: pickLocale([tap.from.language_code], defaultLocale), customerName: tap.from.first_name };
  const keyboard = message.reply_markup?.inline_keyboard;
  const label = (Array.isArray(keyboard) ? keyboard.flat() : []).find((b) => 'callback_data' in b && b.callback_data === tap.data)?.text;
  const receipt = typeof message.text === 'string' && label
    ? { kind: 'receipt' as const, replyTo: String(message.message_id), text: receiptText(message.text, label) }
    : undefined;
  return [{ kind: 'input', address: String(message.chat.id), key, context, input, receipt }];
}
