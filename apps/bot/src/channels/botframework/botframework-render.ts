import { ActionTypes, type Activity, ActivityTypes, type CardAction } from 'botbuilder';
import type { Prompt } from '@turbota/dialogue';
import { scaleText } from '../channel-grammar';
import { buttonCard } from './botframework-card';

/**
 * How many suggested actions a channel shows; the others are cut silently. Teams shows three,
 * so a longer set of buttons goes there as an Adaptive Card. Channels not listed (Web Chat,
 * Direct Line, the Emulator) show them all.
 */
const SUGGESTED_ACTIONS_SHOWN: Record<string, number> = { msteams: 3 };

/** "That's all", sent back as its label, where the question offers it. */
const end = (prompt: Extract<Prompt, { kind: 'scale' | 'choice' | 'free_text' }>): string[] => (prompt.endLabel ? [prompt.endLabel] : []);

const action = (label: string): CardAction => ({ type: ActionTypes.ImBack, title: label, value: label });

/**
 * A prompt as a Bot Framework message for the channel (`channelId` of the conversation):
 * scales and choices as suggested actions, which send their label back as text, or as a card
 * with every button where the channel would not show them all.
 */
export function renderPrompt(prompt: Prompt, channelId?: string): Partial<Activity> {
  const shown = SUGGESTED_ACTIONS_SHOWN[channelId ?? ''] ?? Infinity;
  const message = (text: string, labels: string[] = [], layout: 'points' | 'options' = 'options'): Partial<Activity> => {
    if (labels.length > shown) return { type: ActivityTypes.Message, text, attachments: [buttonCard(labels, layout)] };
    return { type: ActivityTypes.Message, text, ...(labels.length ? { suggestedActions: { actions: labels.map(action), to: [] } } : {}) };
  };
  switch (prompt.kind) {
    case 'text':
      return message(prompt.text);
    case 'scale': {
      const digits = Array.from({ length: prompt.max - prompt.min + 1 }, (_, i) => String(prompt.min + i));
      // A blank line before the labels: the text is read as Markdown, where a single line break does not show.
      return message(scaleText(prompt, '\n\n'), [...digits, ...end(prompt)], 'points');
    }
    case 'choice':
      return message(prompt.text, [...prompt.options.map((o) => o.label), ...end(prompt)]);
    case 'free_text':
      return message(prompt.text, [...(prompt.skipLabel ? [prompt.skipLabel] : []), ...end(prompt)]);
    case 'contact':
      return message(`${prompt.text}\n\n${prompt.consentText}`, prompt.declineLabel ? [prompt.declineLabel] : []);
  }
}
