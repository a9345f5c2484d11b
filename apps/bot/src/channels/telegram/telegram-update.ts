import type { CallbackQuery, Message, Update } from 'grammy/types';
import { type Locale, pickLocale } from '@turbota/common';
import { type DialogueInput, questionTag } from '@turbota/dialogue';
import { isPointCode } from '@turbota/points';
import { type InboundEvent, MalformedRequestError } from '../channel-adapter';

const COMMANDS: Record<string, DialogueInput> = {
  complain: { kind: 'command', command: 'complain' },
  stop: { kind: 'command', command: 'stop' },
};

/**
 * Button payloads: `s<tag>:<score>` for a scale, `c<tag>:<code>` for a choice, `<tag>` the
 * `questionTag` of the question the button was drawn for (two characters, so that the longest
 * option code still fits the 64 bytes of `callback_data`). Buttons drawn before the tag
 * (`s:2`, `c:waiting`) are still read, without it.
 */
export const callbackData = {
  scale: (questionCode: string, value: number) => `s${questionTag(questionCode)}:${value}`,
  choice: (questionCode: string, code: string) => `c${questionTag(questionCode)}:${code}`,
};

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
  const command = /^\/([a-z]+)(?:@\w+)?(?:\s+(.*))?$/s.exec(message.text.trim());
  if (command?.[1] === 'start') {
    // A deep link's payload (`t.me/bot?start=kyiv-central`) names the point of service; one that is
    // no point code is `null` (given, not a code: counted, and its words go no further).
    const payload = command[2]?.trim() || undefined;
    const point = payload === undefined ? undefined : isPointCode(payload) ? payload : null;
    return [{ kind: 'input', address, key, context: { ...context, pointOfService: point }, input: { kind: 'start', payload: point ?? undefined } }];
  }
  const input = command ? COMMANDS[command[1]] : undefined;
  return [{ kind: 'input', address, key, context, input: input ?? { kind: 'text', text: message.text.slice(0, 4000) } }];
}

function tapEvents(tap: CallbackQuery, key: string, defaultLocale: Locale): InboundEvent[] {
  const message = tap.message;
  if (!message || message.chat?.type !== 'private' || typeof tap.data !== 'string') return [];
  const input = inputOfData(tap.data);
  if (!input) return [];
  const context = { locale: pickLocale([tap.from.language_code], defaultLocale), customerName: tap.from.first_name };
  const keyboard = message.reply_markup?.inline_keyboard;
  const label = (Array.isArray(keyboard) ? keyboard.flat() : []).find((b) => 'callback_data' in b && b.callback_data === tap.data)?.text;
  const receipt = typeof message.text === 'string' && label
    ? { kind: 'receipt' as const, replyTo: String(message.message_id), text: `${message.text}\n\n✓ ${label}` }
    : undefined;
  return [{ kind: 'input', address: String(message.chat.id), key, context, input, receipt }];
}

function inputOfData(data: string): DialogueInput | undefined {
  const scale = /^s([0-9a-z]{2})?:(\d{1,2})$/.exec(data);
  if (scale) return { kind: 'scale', value: Number(scale[2]), ...asked(scale[1]) };
  const choice = /^c([0-9a-z]{2})?:([a-z0-9][a-z0-9_.-]{0,59})$/.exec(data);
  if (choice) return { kind: 'choice', code: choice[2], ...asked(choice[1]) };
  return undefined;
}

const asked = (tag: string | undefined) => (tag ? { asked: tag } : {});
