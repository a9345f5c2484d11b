import type { Prompt } from '@turbota/dialogue';

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
  text: { type: 'plain_text', text: label.slice(0, 75) },
  value,
  action_id: `turbota.answer.${index}`,
});

/** A prompt as a Slack message: the question as a section, scales and choices as buttons. */
export function renderPrompt(prompt: Prompt): SlackMessage {
  const section = (text: string) => ({ type: 'section', text: { type: 'plain_text', text: text.slice(0, 3000) } });
  const withButtons = (text: string, buttons: SlackButton[]): SlackMessage => ({
    text,
    blocks: buttons.length ? [section(text), { type: 'actions', elements: buttons }] : [section(text)],
  });
  switch (prompt.kind) {
    case 'text':
      return withButtons(prompt.text, []);
    case 'scale': {
      const labels = prompt.lowLabel || prompt.highLabel ? `\n${prompt.min} — ${prompt.lowLabel ?? ''} · ${prompt.max} — ${prompt.highLabel ?? ''}` : '';
      const digits = Array.from({ length: prompt.max - prompt.min + 1 }, (_, i) => button(String(prompt.min + i), `s:${prompt.min + i}`, i));
      return withButtons(`${prompt.text}${labels}`, digits);
    }
    case 'choice':
      return withButtons(prompt.text, prompt.options.map((o, i) => button(o.label, `c:${o.code}`, i)));
    case 'free_text':
      return withButtons(prompt.text, prompt.skipLabel ? [button(prompt.skipLabel, 'c:skip', 0)] : []);
    case 'contact':
      return withButtons(`${prompt.text}\n\n${prompt.consentText}`, []);
  }
}

/** The answered question, closed: its text and the chosen answer, without buttons. */
export function renderReceipt(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'plain_text', text: text.slice(0, 3000) } }] };
}
