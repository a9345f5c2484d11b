import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import { clip, END_CODE, type Overflow, overflowOf, type Prompt, SLACK_LIMITS, textLength } from '@turbota/dialogue';
import { encodeAnswer, receiptText, scaleText, type TappedAnswer } from '../channel-grammar';

/** A Block Kit button that sends its answer back as its value. */
type AnswerButton = Button & { value: string };

/** The `text` and `blocks` of a `chat.postMessage` or `chat.update`. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const button = (label: string, answer: TappedAnswer, index: number): AnswerButton => ({
  type: 'button',
  text: { type: 'plain_text', text: label },
  value: encodeAnswer(answer),
  action_id: `turbota.answer.${index}`,
});

const choiceButton = (label: string, code: string, index: number): AnswerButton => button(label, { kind: 'choice', code }, index);

/** A prompt as a Slack message: the question as a section, scales and choices as buttons. */
export function renderPrompt(prompt: Prompt): SlackMessage {
  const { text, buttons } = composePrompt(prompt);
  // Cut rather than refused: the pool API refuses questions over these limits, this is the last resort.
  const clipped = buttons.map((b) => ({ ...b, text: { ...b.text, text: clip(b.text.text, SLACK_LIMITS.buttonText) } }));
  const actions: ActionsBlock = { type: 'actions', elements: clipped };
  return { text, blocks: clipped.length ? [section(text), actions] : [section(text)] };
}

/** What of a prompt Slack would refuse: the section, also as the receipt updates it after the longest answer, and each button. */
export function slackOverflows(prompt: Prompt): Overflow[] {
  const { text, buttons } = composePrompt(prompt);
  const receipts = buttons.map((b) => receiptText(text, b.text.text));
  const longest = [text, ...receipts].reduce((a, b) => (textLength(b) > textLength(a) ? b : a));
  return [
    ...overflowOf(buttons.length ? 'characters with its answer labels and receipt' : 'characters', longest, SLACK_LIMITS.sectionText),
    ...buttons.flatMap((b) => overflowOf(`characters on the button "${b.value}"`, b.text.text, SLACK_LIMITS.buttonText)),
  ];
}

const section = (text: string): SectionBlock => ({ type: 'section', text: { type: 'plain_text', text: clip(text, SLACK_LIMITS.sectionText) } });

/** The question's text and buttons before any cut. */
function composePrompt(prompt: Prompt): { text: string; buttons: AnswerButton[] } {
  const withButtons = (text: string, buttons: AnswerButton[]) => ({ text, buttons });
  switch (prompt.kind) {
    case 'text':
      return withButtons(prompt.text, []);
    case 'scale': {
      const digits = Array.from({ length: prompt.max - prompt.min + 1 }, (_, i) => button(String(prompt.min + i), { kind: 'scale', value: prompt.min + i }, i));
      return withButtons(scaleText(prompt), withEnd(prompt, digits));
    }
    case 'choice':
      return withButtons(prompt.text, withEnd(prompt, prompt.options.map((o, i) => choiceButton(o.label, o.code, i))));
    case 'free_text':
      return withButtons(prompt.text, withEnd(prompt, prompt.skipLabel ? [choiceButton(prompt.skipLabel, 'skip', 0)] : []));
    case 'contact':
      return withButtons(`${prompt.text}\n\n${prompt.consentText}`, prompt.declineLabel ? [choiceButton(prompt.declineLabel, 'no', 0)] : []);
  }
}

/** The buttons with "That's all" after them, where the question offers it. */
function withEnd(prompt: Extract<Prompt, { kind: 'scale' | 'choice' | 'free_text' }>, buttons: AnswerButton[]): AnswerButton[] {
  return prompt.endLabel ? [...buttons, choiceButton(prompt.endLabel, END_CODE, buttons.length)] : buttons;
}

/** The answered question, closed: its text and the chosen answer, without buttons. */
export function renderReceipt(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}
