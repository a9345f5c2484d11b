import type { InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from 'grammy/types';
import type { Prompt } from '@turbota/dialogue';
import { callbackData } from './telegram-update';

/** A `sendMessage` call: the text and its keyboard. */
export interface TelegramMessage {
  text: string;
  reply_markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;
}

/**
 * A prompt as Telegram shows it: scales and choices as inline buttons (0..10 on two rows),
 * the contact request with the one-tap "share my phone" button.
 */
export function renderPrompt(prompt: Prompt): TelegramMessage {
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
