import { type Activity, TurnContext } from 'botbuilder';
import { type Locale, pickLocale } from '@turbota/common';
import { type ChannelEvent, MalformedRequestError } from '../channel-adapter';
import { inputOfText, type ReadInput } from '../channel-grammar';
import { CARD_ANSWER_KEY } from './botframework-card';
import type { ServiceUrlPolicy } from './botframework-service-url';

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
  const read = inputOf(activity);
  if (!read) return [];
  return [
    {
      kind: 'input',
      address: activity.conversation.id,
      key: `bf:${activity.id}`,
      input: read.input,
      context: { locale: pickLocale([activity.locale], defaultLocale), customerName: activity.from.name, pointOfService: read.pointOfService },
      reference: TurnContext.getConversationReference(activity),
    },
  ];
}

function inputOf(activity: Partial<Activity>): ReadInput | undefined {
  if (activity.type === 'conversationUpdate') {
    const customerJoined = activity.membersAdded?.some((m) => m.id !== activity.recipient?.id);
    return customerJoined ? { input: { kind: 'start' } } : undefined;
  }
  if (activity.type !== 'message') return undefined;
  const text = textOf(activity);
  return text ? inputOfText(text) : undefined;
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
