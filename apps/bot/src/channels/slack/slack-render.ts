import { clip, END_CODE, type Overflow, overflowOf, type Prompt, SLACK_LIMITS, textLength } from '@turbota/dialogue';

/** A Block Kit button that sends its value back (https://api.slack.com/reference/block-kit/block-elements#button). */
interface SlackButton {
  type: 'button';
  text: { type: 'plain_text'; text: string };
  value: string;
  action_id: string;
}

/** The `text` and `blocks` of a `chat.postMessage`. */
export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

const button = (label: string, value: string, index: number): SlackButton => ({
  type: 'button',
  text: { type: 'plain_text', text: label },
  value,
  action_id: `turbota.answer.${index}`,
});

/** A prompt as a Slack message: the question as a section, scales and choices as buttons. */
export function renderPrompt(prompt: Prompt): SlackMessage {
  const { text, buttons } = composePrompt(prompt);
  // Cut rather than refused: the pool API refuses questions over these limits, this is the last resort.
  const clipped = buttons.map((b) => ({ ...b, text: { ...b.text, text: clip(b.text.text, SLACK_LIMITS.buttonText) } }));
  return { text, blocks: clipped.length ? [section(text), { type: 'actions', elements: clipped }] : [section(text)] };
}

/** What of a prompt Slack would refuse: the section, also as the receipt updates it after the longest answer, and each button. */
export function slackOverflows(prompt: Prompt): Overflow[] {
  const { text, buttons } = composePrompt(prompt);
  const receipts = buttons.map((b) => `${text}\n\n✓ ${b.text.text}`);
  const longest = [text, ...receipts].reduce((a, b) => (textLength(b) > textLength(a) ? b : a));
  return [
    ...overflowOf(buttons.length ? 'characters with its answer labels and receipt' : 'characters', longest, SLACK_LIMITS.sectionText),
    ...buttons.flatMap((b) => overflowOf(`characters on the button "${b.value}"`, b.text.text, SLACK_LIMITS.buttonText)),
  ];
}

const section = (text: string) => ({ type: 'section', text: { type: 'plain_text', text: clip(text, SLACK_LIMITS.sectionText) } });

/** The question's text and buttons before any cut. */
function composePrompt(prompt: Prompt): { text: string; buttons: SlackButton[] } {
  const withButtons = (text: string, buttons: SlackButton[]) => ({ text, buttons });
  switch (prompt.kind) {
    case 'text':
      return withButtons(prompt.text, []);
    case 'scale': {
      const labels = prompt.lowLabel || prompt.highLabel ? `\n${prompt.min} — ${prompt.lowLabel ?? ''} · ${prompt.max} — ${prompt.highLabel ?? ''}` : '';
      const digits = Array.from({ length: prompt.max - prompt.min + 1 }, (_, i) => button(String(prompt.min + i), `s:${prompt.min + i}`, i));
      return withButtons(`${prompt.text}${labels}`, withEnd(prompt, digits));
    }
    case 'choice':
      return withButtons(prompt.text, withEnd(prompt, prompt.options.map((o, i) => button(o.label, `c:${o.code}`, i))));
    case 'free_text':
      return withButtons(prompt.text, withEnd(prompt, prompt.skipLabel ? [button(prompt.skipLabel, 'c:skip', 0)] : []));
    case 'contact':
      return withButtons(`${prompt.text}\n\n${prompt.consentText}`, prompt.declineLabel ? [button(prompt.declineLabel, 'c:no', 0)] : []);
  }
}

/** The buttons with "That's all" after them, where the question offers it. */
function withEnd(prompt: Extract<Prompt, { kind: 'scale' | 'choice' | 'free_text' }>, buttons: SlackButton[]): SlackButton[] {
  return prompt.endLabel ? [...buttons, button(prompt.endLabel, `c:${END_CODE}`, buttons.length)] : buttons;
}

/** The answered question, closed: its text and the chosen answer, without buttons. */
export function renderReceipt(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}
