import { ActionTypes, type Activity, ActivityTypes, type CardAction } from 'botbuilder';
import type { Prompt } from '@turbota/dialogue';

const action = (label: string): CardAction => ({ type: ActionTypes.ImBack, title: label, value: label });

/**
 * A prompt as a Bot Framework message: scales and choices as suggested actions, which every
 * channel (Teams, Web Chat, the Emulator) shows and which send their label back as text.
 */
export function renderPrompt(prompt: Prompt): Partial<Activity> {
  const message = (text: string, labels: string[] = []): Partial<Activity> => ({
    type: ActivityTypes.Message,
    text,
    ...(labels.length ? { suggestedActions: { actions: labels.map(action), to: [] } } : {}),
  });
  switch (prompt.kind) {
    case 'text':
      return message(prompt.text);
    case 'scale': {
      const digits = Array.from({ length: prompt.max - prompt.min + 1 }, (_, i) => String(prompt.min + i));
      const labels = prompt.lowLabel || prompt.highLabel ? `\n\n${prompt.min} — ${prompt.lowLabel ?? ''} · ${prompt.max} — ${prompt.highLabel ?? ''}` : '';
      return message(`${prompt.text}${labels}`, digits);
    }
    case 'choice':
      return message(prompt.text, prompt.options.map((o) => o.label));
    case 'free_text':
      return message(prompt.text, prompt.skipLabel ? [prompt.skipLabel] : []);
    case 'contact':
      return message(`${prompt.text}\n\n${prompt.consentText}`);
  }
}
