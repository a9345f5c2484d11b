import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A recorded Slack event callback (JSON), shaped as Slack documents it. */
export function slackMessageEvent(options: { eventId: string; channel: string; text: string }): string {
  const callback = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'slack', 'event-message-im.json'), 'utf8')) as { event_id: string; event: Record<string, string> };
  callback.event_id = options.eventId;
  callback.event.channel = options.channel;
  callback.event.text = options.text;
  return JSON.stringify(callback);
}

/** A recorded Block Kit button press, form-encoded as Slack posts interactivity (`payload=<json>`). */
export function slackButtonPress(options: { channel: string; actionTs: string; value: string; label: string; messageTs: string; messageText: string }): string {
  const payload = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'slack', 'block-actions.json'), 'utf8')) as Record<string, Record<string, unknown> & { [k: string]: unknown }>;
  payload.channel.id = options.channel;
  payload.container.channel_id = options.channel;
  payload.container.message_ts = options.messageTs;
  payload.message.ts = options.messageTs;
  payload.message.text = options.messageText;
  const [action] = payload.actions as unknown as Record<string, unknown>[];
  Object.assign(action, { value: options.value, action_ts: options.actionTs, text: { type: 'plain_text', text: options.label } });
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The URL check Slack sends when the Events API is configured. */
export function slackUrlVerification(): string {
  return readFileSync(join(__dirname, '..', 'fixtures', 'slack', 'url-verification.json'), 'utf8');
}

/** A recorded `app_home_opened` event callback (JSON): a user opened the app's Home tab (or, with `tab: 'messages'`, its Messages tab). */
export function slackAppHomeOpened(options: { eventId: string; user: string; tab?: 'home' | 'messages' }): string {
  const callback = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'slack', 'event-app-home-opened.json'), 'utf8')) as { event_id: string; event: Record<string, unknown> };
  callback.event_id = options.eventId;
  callback.event.user = options.user;
  callback.event.tab = options.tab ?? 'home';
  return JSON.stringify(callback);
}
