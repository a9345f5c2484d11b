import type { InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from 'grammy/types';
import { clip, END_CODE, type Overflow, overflowOf, type Prompt, TELEGRAM_LIMITS, textLength } from '@turbota/dialogue';
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
      return { text: withScaleLabels(prompt), reply_markup: inline([...scaleRows(prompt), ...endRow(prompt)]) };
    case 'choice':
      return {
        text: prompt.text,
        reply_markup: inline([...prompt.options.map((o) => [{ text: o.label, callback_data: callbackData.choice(prompt.questionCode, o.code) }]), ...endRow(prompt)]),
      };
    case 'free_text': {
      const skip = prompt.skipLabel ? [[{ text: prompt.skipLabel, callback_data: callbackData.choice(prompt.questionCode, 'skip') }]] : [];
      const rows = [...skip, ...endRow(prompt)];
      return { text: prompt.text, reply_markup: rows.length ? inline(rows) : { remove_keyboard: true } };
    }
    case 'contact':
      return { text: `${prompt.text}\n\n${prompt.consentText}`, reply_markup: contactKeyboard(prompt) };
  }
}

const inline = (rows: InlineKeyboardButton[][]): InlineKeyboardMarkup => ({ inline_keyboard: rows });

/** "That's all", on a row of its own, where the question offers it. */
function endRow(prompt: Extract<Prompt, { kind: 'scale' | 'choice' | 'free_text' }>): InlineKeyboardButton[][] {
  return prompt.endLabel ? [[{ text: prompt.endLabel, callback_data: callbackData.choice(prompt.questionCode, END_CODE) }]] : [];
}

/**
 * The contact request as a reply keyboard: "Share my phone" (Telegram's own confirmation is the
 * consent, nothing is asked before it) and "No, thanks", which sends its label back as words.
 */
function contactKeyboard(prompt: Extract<Prompt, { kind: 'contact' }>): ReplyKeyboardMarkup | ReplyKeyboardRemove {
  const share = prompt.accepts.includes('phone') && prompt.shareLabel ? [[{ text: prompt.shareLabel, request_contact: true }]] : [];
  const decline = prompt.declineLabel ? [[{ text: prompt.declineLabel }]] : [];
  const rows = [...share, ...decline];
  return rows.length ? { keyboard: rows, resize_keyboard: true, one_time_keyboard: true } : { remove_keyboard: true };
}

function scaleRows(prompt: Extract<Prompt, { kind: 'scale' }>): InlineKeyboardButton[][] {
  const { min, max } = prompt;
  const buttons = Array.from({ length: max - min + 1 }, (_, i) => ({ text: String(min + i), callback_data: callbackData.scale(prompt.questionCode, min + i) }));
  // Eleven buttons do not fit one row on a phone: 0-5 and 6-10.
  return buttons.length > 8 ? [buttons.slice(0, 6), buttons.slice(6)] : [buttons];
}

function withScaleLabels(prompt: Extract<Prompt, { kind: 'scale' }>): string {
  if (!prompt.lowLabel && !prompt.highLabel) return prompt.text;
  return `${prompt.text}\n${prompt.min} — ${prompt.lowLabel ?? ''} · ${prompt.max} — ${prompt.highLabel ?? ''}`;
}
