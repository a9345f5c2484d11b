import { type Locale } from '@turbota/common';
import { type ChannelEvent, MalformedRequestError } from '../channel-adapter';
import { decodeAnswer, inputOfText, receiptText } from '../channel-grammar';

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
  // `start kyiv-central` without the slash: Slack's client keeps every `/…` for a slash command of its own.
  const { input, pointOfService } = inputOfText(text, { bareStart: true });
  return [{ kind: 'input', address: event.channel, key: `sl:${callback.event_id}`, input, context: { locale, pointOfService } }];
}

function actionEvents(payload: BlockActions, locale: Locale): ChannelEvent[] {
  const action = payload.actions?.[0];
  const channel = payload.channel?.id ?? payload.container?.channel_id;
  if (!action || !channel || !payload.user?.id) throw new MalformedRequestError('A Slack block action needs actions, channel and user');
  const input = decodeAnswer(action.value);
  if (input.kind === 'unknown') return [];
  const ts = payload.container?.message_ts ?? payload.message?.ts;
  const question = payload.message?.text;
  const receipt = ts && question && action.text?.text ? { kind: 'receipt' as const, replyTo: ts, text: receiptText(question, action.text.text) } : undefined;
  return [{ kind: 'input', address: channel, key: `sl:${payload.user.id}:${action.action_ts}`, input, context: { locale }, receipt }];
}
