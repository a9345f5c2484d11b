import { InlineKeyboard, Keyboard } from 'grammy';
import type { InlineKeyboardButton, ReplyKeyboardRemove } from 'grammy/types';
import { clip, END_CODE, type Overflow, overflowOf, type Prompt, questionTag, TELEGRAM_LIMITS, textLength } from '@turbota/dialogue';
import { encodeAnswer, RECEIPT_MARK, receiptText, scaleText } from '../channel-grammar';

/** A `sendMessage` call: the text and its keyboard. */
export interface TelegramMessage {
  text: string;
  reply_markup: InlineKeyboard | Keyboard | ReplyKeyboardRemove;
}

/** Takes away a reply keyboard left from a contact request; grammY has no builder for it. */
const REMOVE_KEYBOARD: ReplyKeyboardRemove = { remove_keyboard: true };

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
  const buttons = reply_markup instanceof InlineKeyboard ? reply_markup.inline_keyboard.flat() : [];
  const receipts = buttons.map((b) => receiptText(text, b.text));
  const longest = [text, ...receipts].reduce((a, b) => (textLength(b) > textLength(a) ? b : a));
  const part = buttons.length ? 'characters with its answer labels and receipt' : 'characters';
  return [
    ...overflowOf(part, longest, TELEGRAM_LIMITS.messageText),
    ...buttons.flatMap((b) => ('callback_data' in b ? overflowOf('bytes of button data', b.callback_data, TELEGRAM_LIMITS.buttonPayloadBytes, 'bytes') : [])),
  ];
}

/**
 * A receipt that fits one message: the quoted question is cut with an ellipsis, the answer
 * stays whole. A receipt that failed for its length would fail on every retry.
 */
export function fittedReceipt(text: string): string {
  const limit = TELEGRAM_LIMITS.messageText;
  if (textLength(text) <= limit) return text;
  const at = text.lastIndexOf(RECEIPT_MARK);
  if (at < 0) return clip(text, limit);
  const answer = text.slice(at);
  return `${clip(text.slice(0, at), Math.max(1, limit - textLength(answer)))}${answer}`.slice(0, limit);
}

function composePrompt(prompt: Prompt): TelegramMessage {
  switch (prompt.kind) {
    case 'text':
      // Also takes away a "share my phone" keyboard left from a contact request.
      return { text: prompt.text, reply_markup: REMOVE_KEYBOARD };
    case 'scale':
      return { text: scaleText(prompt), reply_markup: InlineKeyboard.from([...scaleRows(prompt), ...endRow(prompt)]) };
    case 'choice':
      return { text: prompt.text, reply_markup: InlineKeyboard.from([...prompt.options.map((o) => [choiceButton(prompt, o.label, o.code)]), ...endRow(prompt)]) };
    case 'free_text': {
      const rows = [...(prompt.skipLabel ? [[choiceButton(prompt, prompt.skipLabel, 'skip')]] : []), ...endRow(prompt)];
      return { text: prompt.text, reply_markup: rows.length ? InlineKeyboard.from(rows) : REMOVE_KEYBOARD };
    }
    case 'contact':
      return { text: `${prompt.text}\n\n${prompt.consentText}`, reply_markup: contactKeyboard(prompt) };
  }
}

type Asking = Extract<Prompt, { kind: 'scale' | 'choice' | 'free_text' }>;

/*
 * Each button's `callback_data` carries the question's tag (`s<tag>:<score>`, `c<tag>:<code>`),
 * so that a stale tap on an answered question is refused; two characters, so that the longest
 * option code still fits its 64 bytes. Buttons drawn before the tag (`s:2`) are still read.
 */
const choiceButton = (prompt: Asking, label: string, code: string): InlineKeyboardButton =>
  InlineKeyboard.text(label, encodeAnswer({ kind: 'choice', code, asked: questionTag(prompt.questionCode) }));

/** "That's all", on a row of its own, where the question offers it. */
function endRow(prompt: Asking): InlineKeyboardButton[][] {
  return prompt.endLabel ? [[choiceButton(prompt, prompt.endLabel, END_CODE)]] : [];
}

/**
 * The contact request as a reply keyboard: "Share my phone" (Telegram's own confirmation is the
 * consent, nothing is asked before it) and "No, thanks", which sends its label back as words.
 */
function contactKeyboard(prompt: Extract<Prompt, { kind: 'contact' }>): Keyboard | ReplyKeyboardRemove {
  const share = prompt.accepts.includes('phone') && prompt.shareLabel ? [[Keyboard.requestContact(prompt.shareLabel)]] : [];
  const decline = prompt.declineLabel ? [[Keyboard.text(prompt.declineLabel)]] : [];
  const rows = [...share, ...decline];
  return rows.length ? Keyboard.from(rows).resized().oneTime() : REMOVE_KEYBOARD;
}

function scaleRows(prompt: Extract<Prompt, { kind: 'scale' }>): InlineKeyboardButton[][] {
  const { min, max } = prompt;
  const asked = questionTag(prompt.questionCode);
  const buttons = Array.from({ length: max - min + 1 }, (_, i) => InlineKeyboard.text(String(min + i), encodeAnswer({ kind: 'scale', value: min + i, asked })));
  // Eleven buttons do not fit one row on a phone: 0-5 and 6-10.
  return buttons.length > 8 ? [buttons.slice(0, 6), buttons.slice(6)] : [buttons];
}
