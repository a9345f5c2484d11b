import { type Activity, TurnContext } from 'botbuilder';
import { type Locale, pickLocale } from '@turbota/common';
import type { DialogueInput } from '@turbota/dialogue';
import { isPointCode } from '@turbota/points';
import { type ChannelEvent, MalformedRequestError } from '../channel-adapter';
import { CARD_ANSWER_KEY } from './botframework-card';
import type { ServiceUrlPolicy } from './botframework-service-url';

const COMMANDS: Record<string, DialogueInput> = {
  '/complain': { kind: 'command', command: 'complain' },
  '/stop': { kind: 'command', command: 'stop' },
};

/** What reading an activity needs: the language to fall back to, and which service URLs replies may go to. */
export interface ActivityReading {
  defaultLocale: Locale;
  serviceUrls: ServiceUrlPolicy;
}

/**
 * The events of one activity: a customer's message, or the customer joining a one-to-one
 * conversation (which opens the survey). The conversation reference travels with each, so
 * replies can be sent later from the outbox.
 */
export function eventsOfActivity(body: unknown, { defaultLocale, serviceUrls }: ActivityReading): ChannelEvent[] {
  const activity = body as Partial<Activity> | null;
  if (typeof activity !== 'object' || activity === null || typeof activity.type !== 'string') {
    throw new MalformedRequestError('The body is not a Bot Framework activity: type is missing');
  }
  if (!activity.id || !activity.conversation?.id || !activity.serviceUrl || !activity.from?.id) {
    throw new MalformedRequestError('A Bot Framework activity needs id, conversation.id, serviceUrl and from.id');
  }
  // Refused before anything is stored: the reference kept for replies carries this URL.
  const refusal = serviceUrls.refusalOf(activity.serviceUrl);
  if (refusal) throw new MalformedRequestError(`The activity is refused: ${refusal}`);
  if (activity.conversation.isGroup) return [];
  const input = inputOf(activity);
  if (!input) return [];
  return [
    {
      kind: 'input',
      address: activity.conversation.id,
      key: `bf:${activity.id}`,
      input,
      context: {
        locale: pickLocale([activity.locale], defaultLocale),
        customerName: activity.from.name,
        pointOfService: input.kind === 'start' ? input.payload : undefined,
      },
      reference: TurnContext.getConversationReference(activity),
    },
  ];
}

function inputOf(activity: Partial<Activity>): DialogueInput | undefined {
  if (activity.type === 'conversationUpdate') {
    const customerJoined = activity.membersAdded?.some((m) => m.id !== activity.recipient?.id);
    return customerJoined ? { kind: 'start' } : undefined;
  }
  if (activity.type !== 'message') return undefined;
  const text = textOf(activity);
  if (!text) return undefined;
  const start = /^\/start(?:\s+(\S+))?$/.exec(text);
  if (start) return { kind: 'start', payload: isPointCode(start[1]) ? start[1] : undefined };
  return COMMANDS[text] ?? { kind: 'text', text: text.slice(0, 4000) };
}

/**
 * What the customer wrote, or the answer of a card button they tapped: an Adaptive Card's
 * `Action.Submit` comes back as a message with the button's `data` in `value` and no text.
 */
function textOf(activity: Partial<Activity>): string | undefined {
  if (typeof activity.text === 'string' && activity.text.trim()) return activity.text.trim();
  const answer = (activity.value as Record<string, unknown> | null | undefined)?.[CARD_ANSWER_KEY];
  return typeof answer === 'string' && answer.trim() ? answer.trim() : undefined;
}
