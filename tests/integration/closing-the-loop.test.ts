import { telegramUpdate, type TelegramFixture } from '../support/telegram-fixtures';
import type { BotApiCall } from '../support/fake-telegram';
import { Api, type IncidentJson } from '../support/incidents-api';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { postTelegramUpdate, postToSlack } from '../support/webhooks';
import { type Platforms, startPlatforms } from '../support/platforms';

jest.setTimeout(90_000);

const TELEGRAM_TOKEN = '7000000002:AAHloop-token';
const TELEGRAM_SECRET = 'loop-webhook-secret_1';
const SLACK_TOKEN = 'xoxb-0000-loop-token';
const SIGNING_SECRET = '1c0ffee0loop0000signing0secret00';
const CHANNEL = 'C0LOOP';
const SUPERVISOR = { id: 'U0IRYNA', username: 'iryna.s', name: 'iryna.s', team_id: 'T0LOOP' };

interface Keyboard {
  inline_keyboard?: { text: string; callback_data: string }[][];
}

/**
 * The whole loop against local fakes of Telegram and Slack: a detractor on Telegram leaves a
 * phone, the incident appears in the supervisors' channel with the phone masked, a supervisor
 * acknowledges and resolves it with buttons and a modal, the customer is asked in Telegram
 * whether it is solved, says yes, and the incident closes with its audit trail.
 */
const PLATFORMS = { telegram: { token: TELEGRAM_TOKEN, secret: TELEGRAM_SECRET }, slack: { token: SLACK_TOKEN, signingSecret: SIGNING_SECRET, escalationChannel: CHANNEL } };

describe(`closing the loop, Telegram to Slack and back (${databaseKind})`, () => {
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let updateId = 90_000;
  let n = 0;

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    t = await startTestApp({ env: platforms.env });
  });
  afterAll(async () => {
    await t.close();
    await platforms.close();
  });

  const fromCustomer = async (fixture: TelegramFixture, chatId: number, options: Partial<Parameters<typeof telegramUpdate>[1]> = {}) => {
    const res = await postTelegramUpdate(t.url, telegramUpdate(fixture, { updateId: ++updateId, chatId, ...options }), { secret: TELEGRAM_SECRET });
    expect(res.status).toBe(200);
  };
  const botMessage = (chatId: number, matching: RegExp) =>
    waitFor(() => platforms.telegram.delivered('sendMessage', String(chatId)).find((m) => matching.test(String(m.params.text))), 20_000);
  const tap = (message: BotApiCall, chatId: number, label: string) => {
    const button = (message.params.reply_markup as Keyboard).inline_keyboard!.flat().find((b) => b.text === label)!;
    return fromCustomer('callback-query', chatId, {
      data: button.callback_data,
      tapped: { message_id: message.result!.message_id as number, text: message.params.text as string, reply_markup: message.params.reply_markup },
    });
  };

  const fromSlack = (payload: unknown) => {
    const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return postToSlack(t.url, raw, { secret: SIGNING_SECRET, type: 'form' });
  };
  const press = (incident: IncidentJson, action: string, ts: string) =>
    fromSlack({
      type: 'block_actions',
      user: SUPERVISOR,
      trigger_id: `loop-trigger-${++n}`,
      team: { id: 'T0LOOP', domain: 'example' },
      channel: { id: CHANNEL, name: 'escalations' },
      container: { type: 'message', message_ts: ts, channel_id: CHANNEL, is_ephemeral: false },
      message: { type: 'message', ts, text: `INC-${incident.number}` },
      response_url: platforms.slack.responseUrl(`loop-${n}`),
      actions: [{ action_id: `incident.${action}`, block_id: `incident:v${incident.version}`, value: incident.id, type: 'button', action_ts: `1700000200.${n}` }],
    });

  it('runs from a Telegram detractor to a closed incident', async () => {
    const chat = 3_000_001;
    const admin = new Api(t.url);
    const supervisor = admin.as(await admin.key('supervisor', 'Audit reader'));

    // The customer: a low score, the reason, the shared phone (sharing it is the consent).
    await fromCustomer('message-start', chat);
    await tap(await botMessage(chat, /How likely are you to recommend us/), chat, '2');
    await tap(await botMessage(chat, /What exactly went wrong\?$/), chat, 'I waited too long');
    await botMessage(chat, /contact you/i);
    await fromCustomer('message-contact', chat);

    // The supervisors' channel: the incident, its phone masked.
    const posted = await waitFor(() => platforms.slack.topLevel(CHANNEL).find((c) => /^INC-\d+ /.test(String(c.args.text))), 20_000);
    const number = Number(/^INC-(\d+) /.exec(String(posted.args.text))![1]);
    const json = JSON.stringify(posted.args);
    expect(json).toContain('+380 ••• ••• 67');
    expect(json).not.toMatch(/671234567|123 45 67/);
    const { items } = await supervisor.json<{ items: IncidentJson[] }>('/api/v1/incidents?limit=10');
    const created = items.find((i) => i.number === number)!;
    expect(created).toMatchObject({ status: 'new', source: 'dialogue', score: 2, reasonCode: 'waiting', attributes: { channel: 'telegram' } });

    // Acknowledge with the button, as the Slack user.
    expect((await press(created, 'acknowledge', posted.ts!)).status).toBe(200);
    const acknowledged = await waitFor(async () => {
      const incident = await supervisor.incident(created.id);
      return incident.status === 'acknowledged' ? incident : undefined;
    });

    // Resolve through the modal: a note and "justified".
    expect((await press(acknowledged, 'resolve', posted.ts!)).status).toBe(200);
    const trigger = `loop-trigger-${n}`;
    const modal = (await waitFor(() => platforms.slack.views().find((c) => c.args.trigger_id === trigger))).args.view as { callback_id: string; private_metadata: string };
    const submitted = await fromSlack({
      type: 'view_submission',
      user: SUPERVISOR,
      team: { id: 'T0LOOP', domain: 'example' },
      view: {
        id: 'V0LOOP',
        ...modal,
        state: {
          values: {
            note: { note: { type: 'plain_text_input', value: 'Refunded the queue fee and apologised by phone' } },
            justified: { justified: { type: 'radio_buttons', selected_option: { value: 'yes' } } },
          },
        },
      },
    });
    expect(submitted.status).toBe(200);

    // The customer hears back in Telegram and says it is solved.
    const question = await botMessage(chat, /Is your issue solved now\?/);
    const resolved = await supervisor.incident(created.id);
    for (const action of resolved.nextSteps.actions) expect(action.phrases.some((p) => String(question.params.text).includes(p))).toBe(true);
    await tap(question, chat, 'Yes');

    const closed = await waitFor(async () => {
      const incident = await supervisor.incident(created.id);
      return incident.status === 'closed' ? incident : undefined;
    });
    expect(closed).toMatchObject({ justified: true, contact: { phone: '+380671234567', masked: false } });
    expect(closed.history.map((h) => [h.action, h.from, h.to, h.actor.kind, h.actor.kind === 'slack_user' ? h.actor.id : null])).toEqual([
      ['create', null, 'new', 'customer', null],
      ['acknowledge', 'new', 'acknowledged', 'slack_user', SUPERVISOR.id],
      ['resolve', 'acknowledged', 'resolved', 'slack_user', SUPERVISOR.id],
      ['customer_confirmed', 'resolved', 'closed', 'customer', null],
    ]);
    expect(closed.history[2].note).toBe('Refunded the queue fee and apologised by phone');
    // The transcript goes on past the survey: what the customer was told, the question and their answer.
    const told = closed.transcript.findIndex((line) => line.from === 'bot' && /Is your issue solved now\?/.test(line.text));
    expect(told).toBeGreaterThan(0);
    expect(closed.transcript[told]).toMatchObject({ buttons: expect.arrayContaining(['Yes']) as string[] });
    expect(closed.transcript.slice(told + 1).find((line) => line.from === 'customer')?.text).toBe('Yes');

    // The supervisors' message ends showing the closed incident, its history in the thread.
    await waitFor(() => platforms.slack.updates(CHANNEL, posted.ts!).find((u) => /is closed/.test(String(u.args.text))), 20_000);
    const thread = await waitFor(() => {
      const lines = platforms.slack.thread(CHANNEL, posted.ts!);
      return lines.length >= 4 ? lines : undefined;
    }, 20_000);
    expect(thread.map((l) => String(l.args.text)).join('\n')).toMatch(/created[\s\S]*acknowledge[\s\S]*resolve[\s\S]*customer/i);
    expect(t.logs.text()).not.toMatch(/671234567/);
  });
});
