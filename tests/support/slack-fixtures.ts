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

/** The supervisor the tests act as, as Slack names a user in an interaction. */
export const SLACK_SUPERVISOR = { id: 'U0OLENA', username: 'olena.k', name: 'olena.k', team_id: 'T061EG9R6' };

/** A press of an incident's button (`incident.<action>`) in the escalation channel, as the interaction payload (JSON). */
export function incidentButtonPress(options: {
  incident: { id: string; number: number; version: number };
  action: string;
  channel: string;
  n: number;
  responseUrl: string;
  messageTs?: string;
  blockId?: string;
}): Record<string, unknown> {
  const { incident, n } = options;
  const ts = options.messageTs ?? '1700000000.000100';
  return {
    type: 'block_actions',
    user: SLACK_SUPERVISOR,
    api_app_id: 'A0PNCHHK2',
    container: { type: 'message', message_ts: ts, channel_id: options.channel, is_ephemeral: false },
    trigger_id: `trigger-${n}`,
    team: { id: 'T061EG9R6', domain: 'example' },
    channel: { id: options.channel, name: 'escalations' },
    message: { type: 'message', ts, text: `INC-${incident.number}` },
    response_url: options.responseUrl,
    actions: [{ action_id: `incident.${options.action}`, block_id: options.blockId ?? `incident:v${incident.version}`, value: incident.id, type: 'button', action_ts: `1700000100.${n}` }],
  };
}

/** The submission of a resolve or reject modal (the view as Turbota opened it), as the interaction payload (JSON). */
export function incidentViewSubmission(view: Record<string, unknown>, values: { note?: string; justified?: 'yes' | 'no' }, n: number): Record<string, unknown> {
  return {
    type: 'view_submission',
    user: SLACK_SUPERVISOR,
    team: { id: 'T061EG9R6', domain: 'example' },
    view: {
      id: `V${n}`,
      ...view,
      state: {
        values: {
          note: { note: { type: 'plain_text_input', value: values.note ?? null } },
          ...(values.justified ? { justified: { justified: { type: 'radio_buttons', selected_option: { value: values.justified } } } } : {}),
        },
      },
    },
  };
}
