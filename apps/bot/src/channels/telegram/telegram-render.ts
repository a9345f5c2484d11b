import type { InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from 'grammy/types';
import { clip, type Overflow, overflowOf, type Prompt, TELEGRAM_LIMITS, textLength } from '@turbota/dialogue';
import { callbackData } from './telegram-update';

/** A `sendMessage` call: the text and its keyboard. */
export interface TelegramMessage {
  text: string;
  reply_markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;
}

/**
 * A prompt as Telegram shows it: scales and choices as inline buttons (0..10 on two rows),
 * the contact request with the one-tap "share my phone" button. A text longer than Telegram
 * takes (a greeting before a question at its limit) is cut rather than refused for ever.
 */
export function renderPrompt(prompt: Prompt): TelegramMessage {
  const message = composePrompt(prompt);
  return { ...message, text: clip(message.text, TELEGRAM_LIMITS.messageText) };
}

/**
 * What of a prompt Telegram would refuse: its text as sent, and as the receipt edits it after
 * the longest answer; each button's `callback_data`.
 */
export function telegramOverflows(prompt: Prompt): Overflow[] {
  const { text, reply_markup } = composePrompt(prompt);
  const buttons = 'inline_keyboard' in reply_markup ? reply_markup.inline_keyboard.flat() : [];
  const receipts = buttons.map((b) => receiptText(text, b.text));
  const longest = [text, ...receipts].reduce((a, b) => (textLength(b) > textLength(a) ? b : a));
  const part = buttons.length ? 'characters with its answer labels and receipt' : 'characters';
  return [
    ...overflowOf(part, longest, TELEGRAM_LIMITS.messageText),
    ...buttons.flatMap((b) => ('callback_data' in b ? overflowOf('bytes of button data', b.callback_data, TELEGRAM_LIMITS.buttonPayloadBytes, 'bytes') : [])),
  ];
}

/** The answered question as its receipt shows it: the question, then the chosen answer. */
export function receiptText(question: string, answer: string): string {
  return `${question}\n\n✓ ${answer}`;
}

/**
 * A receipt that fits one message: the quoted question is cut with an ellipsis, the answer
 * stays whole. A receipt that failed for its length would fail on every retry.
 */
export function fittedReceipt(text: string): string {
  const limit = TELEGRAM_LIMITS.messageText;
  if (textLength(text) <= limit) return text;
  const at = text.lastIndexOf('\n\n✓ ');
  if (at < 0) return clip(text, limit);
  const answer = text.slice(at);
  return `${clip(text.slice(0, at), Math.max(1, limit - textLength(answer)))}${answer}`.slice(0, limit);
}

function composePrompt(prompt: Prompt): TelegramMessage {
  switch (prompt.kind) {
    case 'text':
      // Also takes away a "share my phone" keyboard left from a contact request.
      return { text: prompt.text, reply_markup: { remove_keyboard: true } };
    case 'scale':
      return { text: withScaleLabels(prompt), reply_markup: { inline_keyboard: scaleRows(prompt.min, prompt.max) } };
    case 'choice':
      return {
        text: prompt.text,
        reply_markup: { inline_keyboard: prompt.options.map((o) => [{ text: o.label, callback_data: callbackData.choice(o.code) }]) },
      };
    case 'free_text':
      return {
        text: prompt.text,
        reply_markup: prompt.skipLabel
          ? { inline_keyboard: [[{ text: prompt.skipLabel, callback_data: callbackData.choice('skip') }]] }
          : { remove_keyboard: true },
      };
    case 'contact':
      return {
        text: `${prompt.text}\n\n${prompt.consentText}`,
        reply_markup:
          prompt.accepts.includes('phone') && prompt.shareLabel
            ? { keyboard: [[{ text: prompt.shareLabel, request_contact: true }]], resize_keyboard: true, one_time_keyboard: true }
            : { remove_keyboard: true },
      };
  }
}

function scaleRows(min: number, max: number): InlineKeyboardButton[][] {
  const buttons = Array.from({ length: max - min + 1 }, (_, i) => ({ text: String(min + i), callback_data: callbackData.scale(min + i) }));
  // Eleven buttons do not fit one row on a phone: 0-5 and 6-10.
  return buttons.length > 8 ? [buttons.slice(0, 6), buttons.slice(6)] : [buttons];
}

function withScaleLabels(prompt: Extract<Prompt, { kind: 'scale' }>): string {
  if (!prompt.lowLabel && !prompt.highLabel) return prompt.text;
  return `${prompt.text}\n${prompt.min} — ${prompt.lowLabel ?? ''} · ${prompt.max} — ${prompt.highLabel ?? ''}`;
}
