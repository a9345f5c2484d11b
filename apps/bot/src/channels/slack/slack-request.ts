import { type Locale } from '@turbota/common';
import type { DialogueInput } from '@turbota/dialogue';
import { POINT_CODE_PATTERN } from '@turbota/points';
import { type ChannelEvent, MalformedRequestError } from '../channel-adapter';

/** `start` or `/start`, with a point's code when the customer came by a link. */
const START = new RegExp(`^/?start(?:\\s+(${POINT_CODE_PATTERN}))?$`, 'i');

/** Slack's Events API envelope (https://api.slack.com/apis/events-api). */
interface EventCallback {
  type: 'event_callback';
  event_id: string;
  event: { type: string; subtype?: string; bot_id?: string; channel_type?: string; channel?: string; user?: string; text?: string };
}

/** A Block Kit button press (https://api.slack.com/reference/interaction-payloads/block-actions). */
interface BlockActions {
  type: 'block_actions';
  user: { id: string; name?: string };
  channel?: { id: string };
  container?: { message_ts?: string; channel_id?: string };
  message?: { text?: string; ts?: string };
  actions: { action_id: string; value?: string; action_ts: string; text?: { text: string } }[];
}

/** Button values: `s:<score>`, `c:<code>`, as on the other channels. */
const ACTION_VALUE = /^(s:\d{1,2}|c:[a-z0-9][a-z0-9_.-]{0,59})$/;
const COMMANDS: Record<string, DialogueInput> = {
  '/complain': { kind: 'command', command: 'complain' },
  '/stop': { kind: 'command', command: 'stop' },
};

/**
 * The events of one Slack request: a customer's direct message to the app, or a button they
 * pressed in one. Slack carries no language, so the default one applies.
 */
export function eventsOfSlack(body: unknown, defaultLocale: Locale): ChannelEvent[] {
  const request = payloadOf(body);
  if (request.type === 'event_callback') return messageEvents(request as unknown as EventCallback, defaultLocale);
  if (request.type === 'block_actions') return actionEvents(request as unknown as BlockActions, defaultLocale);
  // url_verification is answered in the acknowledgement; other types are not for Turbota.
  return [];
}

/** Interactivity arrives form-encoded as `payload=<json>`; events as JSON. */
export function payloadOf(body: unknown): Record<string, unknown> & { type?: string } {
  const form = body as { payload?: unknown } | null;
  if (form && typeof form.payload === 'string') {
    let payload: unknown;
    try {
      payload = JSON.parse(form.payload);
    } catch {
      throw new MalformedRequestError('The Slack payload is not valid JSON');
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new MalformedRequestError('The Slack payload is not an object');
    return payload as Record<string, unknown>;
  }
  if (typeof body !== 'object' || body === null || typeof (body as { type?: unknown }).type !== 'string') {
    throw new MalformedRequestError('The body is not a Slack event or interaction: type is missing');
  }
  return body as Record<string, unknown>;
}

function messageEvents(callback: EventCallback, locale: Locale): ChannelEvent[] {
  const { event } = callback;
  if (!callback.event_id || !event) throw new MalformedRequestError('A Slack event callback needs event_id and event');
  // Only what a person writes to the app directly; never the app's own messages or edits.
  if (event.type !== 'message' || event.channel_type !== 'im' || event.subtype || event.bot_id || !event.channel || !event.user) return [];
  const text = typeof event.text === 'string' ? event.text.trim() : '';
  if (!text) return [];
  const start = START.exec(text);
  const input: DialogueInput = start ? { kind: 'start', payload: start[1] } : (COMMANDS[text] ?? { kind: 'text', text: text.slice(0, 4000) });
  return [{ kind: 'input', address: event.channel, key: `sl:${callback.event_id}`, input, context: { locale, pointOfService: start?.[1] } }];
}

function actionEvents(payload: BlockActions, locale: Locale): ChannelEvent[] {
  const action = payload.actions?.[0];
  const channel = payload.channel?.id ?? payload.container?.channel_id;
  if (!action || !channel || !payload.user?.id) throw new MalformedRequestError('A Slack block action needs actions, channel and user');
  if (!action.value || !ACTION_VALUE.test(action.value)) return [];
  const input: DialogueInput = action.value.startsWith('s:') ? { kind: 'scale', value: Number(action.value.slice(2)) } : { kind: 'choice', code: action.value.slice(2) };
  const ts = payload.container?.message_ts ?? payload.message?.ts;
  const question = payload.message?.text;
  const receipt = ts && question && action.text?.text ? { kind: 'receipt' as const, replyTo: ts, text: `${question}\n\n✓ ${action.text.text}` } : undefined;
  return [{ kind: 'input', address: channel, key: `sl:${payload.user.id}:${action.action_ts}`, input, context: { locale }, receipt }];
}
