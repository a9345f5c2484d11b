import { buttonsOverflow, clip, END_CODE, MESSENGER_LIMITS, type Overflow, overflowOf, type Prompt, type PromptOption } from '@turbota/dialogue';
import { encodeAnswer, scaleText } from '../channel-grammar';

/**
 * A quick reply (https://developers.facebook.com/docs/messenger-platform/reference/buttons/quick-replies):
 * `text` posts its title as the customer's message and sends its payload to the webhook;
 * `user_phone_number` and `user_email` offer the customer's own phone or e-mail from their
 * profile, which Messenger shows as the title and sends as the payload.
 */
export type QuickReply = { content_type: 'text'; title: string; payload: string } | { content_type: 'user_phone_number' | 'user_email' };

/** The `message` of a Send API call. */
export interface MessengerMessage {
  text: string;
  quick_replies?: QuickReply[];
}

/**
 * A prompt as Messenger shows it: scales and choices as quick replies above the composer (0..10
 * is eleven of the thirteen it takes), the contact request with the quick replies that offer
 * the customer's own phone and e-mail. A text longer than Messenger takes (a greeting before a
 * question at its limit) is cut, titles to their 20 characters, rather than refused for ever.
 */
export function renderPrompt(prompt: Prompt): MessengerMessage {
  const message = composePrompt(prompt);
  const text = clip(message.text, MESSENGER_LIMITS.messageText);
  if (!message.quick_replies) return { text };
  const all = message.quick_replies.map((reply) => (reply.content_type === 'text' ? { ...reply, title: clip(reply.title, MESSENGER_LIMITS.buttonText) } : reply));
  // More than Messenger takes (a pool saved before the channel was on): the last reply, "That's all" where there is one, stays.
  const quickReplies = all.length > MESSENGER_LIMITS.buttons ? [...all.slice(0, MESSENGER_LIMITS.buttons - 1), all.at(-1)!] : all;
  return { text, quick_replies: quickReplies };
}

/**
 * What of a prompt Messenger would refuse or cut: the text (with the numbered answers it may
 * carry), a title over 20 characters (Messenger cuts it; the answers' titles are kept short by
 * numbering them instead, so only "That's all" or "Skip" can be), more than 13 quick replies.
 */
export function messengerOverflows(prompt: Prompt): Overflow[] {
  const { text, quick_replies: replies = [] } = composePrompt(prompt);
  return [
    ...overflowOf('characters', text, MESSENGER_LIMITS.messageText),
    ...replies.flatMap((r) => (r.content_type === 'text' ? overflowOf(`characters on the quick reply "${r.payload}"`, r.title, MESSENGER_LIMITS.buttonText) : [])),
    ...buttonsOverflow('quick replies', replies.length, MESSENGER_LIMITS.buttons),
  ];
}

function composePrompt(prompt: Prompt): MessengerMessage {
  switch (prompt.kind) {
    case 'text':
      return { text: prompt.text };
    case 'scale': {
      const digits = Array.from({ length: prompt.max - prompt.min + 1 }, (_, i) => prompt.min + i).map((n) => reply(String(n), encodeAnswer({ kind: 'scale', value: n })));
      return withReplies(scaleText(prompt), [...digits, ...endReply(prompt)]);
    }
    case 'choice': {
      const { text, replies } = answers(prompt.text, prompt.options);
      return withReplies(text, [...replies, ...endReply(prompt)]);
    }
    case 'free_text':
      return withReplies(prompt.text, [...(prompt.skipLabel ? [choiceReply(prompt.skipLabel, 'skip')] : []), ...endReply(prompt)]);
    case 'contact': {
      // The one-tap offers are the dialogue's (a `shareLabel`): tapping one is the consent, as Telegram's "share my phone".
      const offers: QuickReply[] = prompt.shareLabel
        ? [...(prompt.accepts.includes('phone') ? [{ content_type: 'user_phone_number' as const }] : []), ...(prompt.accepts.includes('email') ? [{ content_type: 'user_email' as const }] : [])]
        : [];
      return withReplies(`${prompt.text}\n\n${prompt.consentText}`, [...offers, ...(prompt.declineLabel ? [choiceReply(prompt.declineLabel, 'no')] : [])]);
    }
  }
}

/**
 * A choice's answers as quick replies titled with their labels. Where a label is longer than a
 * title's 20 characters, which Messenger would cut mid-word, every answer is numbered: the full
 * labels go into the text as a numbered list, each title is its number and as much of the label
 * as fits, so the customer reads the whole answer and taps its number.
 */
function answers(text: string, options: PromptOption[]): { text: string; replies: QuickReply[] } {
  if (options.every((o) => o.label.length <= MESSENGER_LIMITS.buttonText)) return { text, replies: options.map((o) => choiceReply(o.label, o.code)) };
  const numbered = options.map((o, i) => `${i + 1}. ${o.label}`);
  return {
    text: `${text}\n\n${numbered.join('\n')}`,
    replies: options.map((o, i) => choiceReply(clip(numbered[i], MESSENGER_LIMITS.buttonText), o.code)),
  };
}

const reply = (title: string, payload: string): QuickReply => ({ content_type: 'text', title, payload });

/** A quick reply that answers with a choice (Messenger's payloads carry no question tag, as Viber's). */
const choiceReply = (label: string, code: string): QuickReply => reply(label, encodeAnswer({ kind: 'choice', code }));

/** "That's all", last, where the question offers it. */
function endReply(prompt: Extract<Prompt, { kind: 'scale' | 'choice' | 'free_text' }>): QuickReply[] {
  return prompt.endLabel ? [choiceReply(prompt.endLabel, END_CODE)] : [];
}

function withReplies(text: string, replies: QuickReply[]): MessengerMessage {
  return replies.length ? { text, quick_replies: replies } : { text };
}
