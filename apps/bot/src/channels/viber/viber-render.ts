import { clip, END_CODE, type Overflow, overflowOf, type Prompt, VIBER_LIMITS } from '@turbota/dialogue';
import { encodeAnswer, scaleText } from '../channel-grammar';

/** One button of a Viber keyboard (https://developers.viber.com/docs/tools/keyboards/). */
interface ViberButton {
  Columns: number;
  Rows: number;
  ActionType: 'reply' | 'share-phone';
  ActionBody: string;
  Text: string;
  Silent?: boolean;
}

/** The parts of a `send_message` body a prompt decides. */
export interface ViberMessage {
  type: 'text';
  text: string;
  min_api_version: number;
  keyboard?: { Type: 'keyboard'; DefaultHeight: boolean; Buttons: ViberButton[] };
}

/**
 * A reply button. The reply comes back as a message whose text is the `ActionBody` (`s:2`);
 * `Silent` keeps that code out of the customer's chat ("whether the user action is presented
 * in the conversation", https://developers.viber.com/docs/tools/keyboards/#buttons-parameters),
 * while the webhook still receives it as the customer's message. Clients too old for `Silent`
 * ignore it and show the code, as before.
 */
export const replyButton = (text: string, body: string, columns = 6): ViberButton => ({
  Columns: columns,
  Rows: 1,
  ActionType: 'reply',
  ActionBody: body,
  Text: text,
  Silent: true,
});

/**
 * A prompt as Viber shows it: keyboards for scales and choices, the share-phone button for a
 * contact. A text longer than Viber takes (a greeting before a question at its limit) is cut
 * rather than refused for ever.
 */
export function renderPrompt(prompt: Prompt): ViberMessage {
  const message = composePrompt(prompt);
  const keyboard = message.keyboard && { ...message.keyboard, Buttons: message.keyboard.Buttons.map((b) => ({ ...b, Text: clip(b.Text, VIBER_LIMITS.buttonText) })) };
  return { ...message, text: clip(message.text, VIBER_LIMITS.messageText), ...(keyboard ? { keyboard } : {}) };
}

function composePrompt(prompt: Prompt): ViberMessage {
  switch (prompt.kind) {
    case 'text':
      return { type: 'text', text: prompt.text, min_api_version: 1 };
    case 'scale': {
      const count = prompt.max - prompt.min + 1;
      // Six columns a row: 0-5 and 6-10 for NPS; a short scale fills one row.
      const columns = count > 6 ? 1 : Math.floor(6 / count);
      const digits = Array.from({ length: count }, (_, i) => replyButton(String(prompt.min + i), encodeAnswer({ kind: 'scale', value: prompt.min + i }), columns));
      return keyboard(scaleText(prompt), [...digits, ...endButton(prompt)]);
    }
    case 'choice':
      return keyboard(prompt.text, [...prompt.options.map((o) => choiceButton(o.label, o.code)), ...endButton(prompt)]);
    case 'free_text': {
      const buttons = [...(prompt.skipLabel ? [choiceButton(prompt.skipLabel, 'skip')] : []), ...endButton(prompt)];
      return buttons.length ? keyboard(prompt.text, buttons) : { type: 'text', text: prompt.text, min_api_version: 1 };
    }
    case 'contact': {
      const share: ViberButton = { Columns: 6, Rows: 1, ActionType: 'share-phone', ActionBody: 'share-phone', Text: prompt.shareLabel ?? 'Share phone' };
      const decline = prompt.declineLabel ? [choiceButton(prompt.declineLabel, 'no')] : [];
      const text = `${prompt.text}\n\n${prompt.consentText}`;
      // The share-phone button needs Viber clients of API level 3 or newer.
      if (prompt.accepts.includes('phone') && prompt.shareLabel) return { ...keyboard(text, [share, ...decline]), min_api_version: 3 };
      return decline.length ? keyboard(text, decline) : { type: 'text', text, min_api_version: 1 };
    }
  }
}

/** A reply button that answers with a choice (Viber's payloads carry no question tag). */
const choiceButton = (label: string, code: string): ViberButton => replyButton(label, encodeAnswer({ kind: 'choice', code }));

/** "That's all", a row of its own, where the question offers it. */
function endButton(prompt: Extract<Prompt, { kind: 'scale' | 'choice' | 'free_text' }>): ViberButton[] {
  return prompt.endLabel ? [choiceButton(prompt.endLabel, END_CODE)] : [];
}

function keyboard(text: string, buttons: ViberButton[]): ViberMessage {
  return { type: 'text', text, min_api_version: 1, keyboard: { Type: 'keyboard', DefaultHeight: false, Buttons: buttons } };
}

/** What of a prompt Viber would refuse: the text, each button's text, the whole request. */
export function viberOverflows(prompt: Prompt): Overflow[] {
  const message = composePrompt(prompt);
  const buttons = message.keyboard?.Buttons ?? [];
  return [
    ...overflowOf('characters', message.text, VIBER_LIMITS.messageText),
    ...buttons.flatMap((b) => overflowOf(`characters on the button "${b.ActionBody}"`, b.Text, VIBER_LIMITS.buttonText)),
    ...overflowOf('bytes in one request with its keyboard', JSON.stringify(message), VIBER_LIMITS.requestBytes, 'bytes'),
  ];
}
