import { buttonsOverflow, clip, type DialogueTexts, END_CODE, type Overflow, overflowOf, type Prompt, type PromptOption, WHATSAPP_LIMITS } from '@turbota/dialogue';
import { encodeAnswer, scaleText } from '../channel-grammar';

/** The words WhatsApp's messages add of their own, in the customer's language: the list's button, the hint to type a score. */
export type WhatsappWords = Pick<DialogueTexts, 'chooseButton' | 'typeScore'>;

/**
 * The id of the reply button that shares the number the customer writes from: their tap is the
 * consent, and the webhook reads the number from the message (no answer codec carries it).
 */
export const SHARE_PHONE_ID = 'share-phone';

/** One reply button or list row: the id it sends back, the title the customer taps. */
interface Answer {
  id: string;
  title: string;
  /** A list row's second line (a scale's end labels). */
  description?: string;
}

/** A reply button (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages). */
interface ReplyButton {
  type: 'reply';
  reply: { id: string; title: string };
}

/** A list row (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-list-messages). */
interface ListRow {
  id: string;
  title: string;
  description?: string;
}

/** The part of a Cloud API `messages` call that says what is sent (the recipient goes beside it). */
export type WhatsappMessage =
  | { type: 'text'; text: { body: string } }
  | { type: 'interactive'; interactive: { type: 'button'; body: { text: string }; action: { buttons: ReplyButton[] } } }
  | { type: 'interactive'; interactive: { type: 'list'; body: { text: string }; action: { button: string; sections: { rows: ListRow[] }[] } } };

/** What a prompt says and offers, before it is shaped into one of WhatsApp's message kinds. */
interface Draft {
  text: string;
  answers: Answer[];
}

/** A list row's second line: 72 characters. */
const ROW_DESCRIPTION = 72;

/**
 * The channel's words at a typical length, for the pool check, which sees a question without a
 * customer's language: the question's own text and labels are what it judges.
 */
const SIZING_WORDS: WhatsappWords = { chooseButton: 'Choose', typeScore: 'Type a number from {min} to {max}.' };

/**
 * A prompt as WhatsApp shows it: up to three answers as reply buttons under the text, four to
 * ten as a list behind one button ("Choose"), a scale of more points than a list holds (NPS
 * 0..10) as the question with its label line and a hint to type the score. WhatsApp refuses
 * rather than cuts what is too long, so the text and titles are cut here, as the last resort.
 */
export function renderPrompt(prompt: Prompt, words: WhatsappWords): WhatsappMessage {
  const { text, answers } = composePrompt(prompt, words);
  if (!answers.length) return { type: 'text', text: { body: clip(text, WHATSAPP_LIMITS.messageText) } };
  const body = { text: clip(text, WHATSAPP_LIMITS.interactiveText) };
  if (answers.length <= WHATSAPP_LIMITS.buttons) {
    const buttons = answers.map((a): ReplyButton => ({ type: 'reply', reply: { id: a.id, title: clip(a.title, WHATSAPP_LIMITS.buttonText) } }));
    return { type: 'interactive', interactive: { type: 'button', body, action: { buttons } } };
  }
  // More than a list holds (a pool saved before the channel was on): the last row, "That's all" where there is one, stays.
  const kept = answers.length > WHATSAPP_LIMITS.listRows ? [...answers.slice(0, WHATSAPP_LIMITS.listRows - 1), answers.at(-1)!] : answers;
  const rows = kept.map((a): ListRow => ({ id: a.id, title: clip(a.title, WHATSAPP_LIMITS.listRowText), ...(a.description ? { description: clip(a.description, ROW_DESCRIPTION) } : {}) }));
  return { type: 'interactive', interactive: { type: 'list', body, action: { button: clip(words.chooseButton, WHATSAPP_LIMITS.buttonText), sections: [{ rows }] } } };
}

/**
 * What of a prompt WhatsApp would refuse: the text (1,024 characters where it carries buttons or
 * a list, 4,096 alone), a title over its limit (answers are numbered rather than cut, so only
 * "That's all", "Skip" or "No, thanks" can be), more answers than a list's ten rows.
 */
export function whatsappOverflows(prompt: Prompt): Overflow[] {
  const { text, answers } = composePrompt(prompt, SIZING_WORDS);
  if (!answers.length) return overflowOf('characters', text, WHATSAPP_LIMITS.messageText);
  const { part, limit } = titleLimit(answers.length);
  return [
    ...overflowOf('characters', text, WHATSAPP_LIMITS.interactiveText),
    ...answers.flatMap((a) => overflowOf(`characters on the ${part} "${a.id}"`, a.title, limit)),
    ...buttonsOverflow('list rows', answers.length, WHATSAPP_LIMITS.listRows),
  ];
}

/** Buttons up to three answers, list rows beyond, and how long the title of each may be. */
function titleLimit(answers: number): { part: string; limit: number } {
  return answers <= WHATSAPP_LIMITS.buttons ? { part: 'button', limit: WHATSAPP_LIMITS.buttonText } : { part: 'list row', limit: WHATSAPP_LIMITS.listRowText };
}

function composePrompt(prompt: Prompt, words: WhatsappWords): Draft {
  switch (prompt.kind) {
    case 'text':
      return { text: prompt.text, answers: [] };
    case 'scale':
      return scaleDraft(prompt, words);
    case 'choice': {
      const end = endAnswer(prompt);
      const { text, answers } = numbered(prompt.text, prompt.options, prompt.options.length + end.length);
      return { text, answers: [...answers, ...end] };
    }
    case 'free_text':
      return { text: prompt.text, answers: [...(prompt.skipLabel ? [choiceAnswer(prompt.skipLabel, 'skip')] : []), ...endAnswer(prompt)] };
    case 'contact': {
      // The one-tap offer is the dialogue's (a `shareLabel`): WhatsApp knows the number the customer writes from.
      const share = prompt.shareLabel && prompt.accepts.includes('phone') ? [{ id: SHARE_PHONE_ID, title: prompt.shareLabel }] : [];
      return { text: `${prompt.text}\n\n${prompt.consentText}`, answers: [...share, ...(prompt.declineLabel ? [choiceAnswer(prompt.declineLabel, 'no')] : [])] };
    }
  }
}

/**
 * A scale's points as list rows titled with their numbers, its end labels as the first and last
 * rows' descriptions. A scale of more points than a list holds (NPS 0..10, eleven) is typed: the
 * dialogue takes a typed score as it takes a tap, and "That's all" stays a button.
 */
function scaleDraft(prompt: Extract<Prompt, { kind: 'scale' }>, words: WhatsappWords): Draft {
  const end = endAnswer(prompt);
  const points = prompt.max - prompt.min + 1;
  if (points + end.length > WHATSAPP_LIMITS.listRows) {
    const hint = words.typeScore.replace('{min}', String(prompt.min)).replace('{max}', String(prompt.max));
    return { text: `${scaleText(prompt)}\n\n${hint}`, answers: end };
  }
  const labels: Record<number, string | undefined> = { [prompt.min]: prompt.lowLabel, [prompt.max]: prompt.highLabel };
  const digits = Array.from({ length: points }, (_, i) => prompt.min + i).map((n): Answer => {
    const description = labels[n];
    return { id: encodeAnswer({ kind: 'scale', value: n }), title: String(n), ...(description ? { description } : {}) };
  });
  return { text: scaleText(prompt), answers: [...digits, ...end] };
}

/**
 * A choice's answers titled with their labels. Where a label is longer than a title takes
 * (20 characters on a button, 24 on a list row), every answer is numbered: the full labels go
 * into the text as a numbered list, each title is its number and as much of the label as fits.
 */
function numbered(text: string, options: PromptOption[], total: number): Draft {
  const { limit } = titleLimit(total);
  if (options.every((o) => o.label.length <= limit)) return { text, answers: options.map((o) => choiceAnswer(o.label, o.code)) };
  const lines = options.map((o, i) => `${i + 1}. ${o.label}`);
  return { text: `${text}\n\n${lines.join('\n')}`, answers: options.map((o, i) => choiceAnswer(clip(lines[i], limit), o.code)) };
}

/** An answer that is a choice (WhatsApp's ids carry no question tag, as Messenger's payloads). */
const choiceAnswer = (label: string, code: string): Answer => ({ id: encodeAnswer({ kind: 'choice', code }), title: label });

/** "That's all", last, where the question offers it. */
function endAnswer(prompt: Extract<Prompt, { kind: 'scale' | 'choice' | 'free_text' }>): Answer[] {
  return prompt.endLabel ? [choiceAnswer(prompt.endLabel, END_CODE)] : [];
}
