import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { seededRandom } from '@turbota/common';
import { PiiCipher } from '@turbota/privacy';
import { botFrameworkActivity } from '../../support/botframework-fixtures';
import { slackMessageEvent } from '../../support/slack-fixtures';
import { telegramUpdate } from '../../support/telegram-fixtures';
import { viberCallback } from '../../support/viber-fixtures';
import { messengerEvent, messengerWebhook } from '../../support/messenger-fixtures';
import { whatsappMessage, whatsappWebhook } from '../../support/whatsapp-fixtures';
import { ChatClient } from '../../support/chat-client';
import { type Platforms, startPlatforms } from '../../support/platforms';
import { registerPoints } from '../../support/points';
import { startTestApp, TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { recordFaultFigures } from '../support/faults-artifacts';
import { postBotFrameworkActivity, postMessengerEvent, postTelegramUpdate, postToSlack, postViberCallback, postWhatsappEvent } from '../../support/webhooks';
import { type SlackDelivery, type SlackLine, slackOver } from '../../support/slack-transports';

jest.setTimeout(120_000);

const TG_TOKEN = '7000000044:AAHfaults-storm';
const TG_SECRET = 'faults-storm-secret';
const SLACK_TOKEN = 'xoxb-faults-storm';
const SLACK_SECRET = 'faults-storm-signing-secret';
const VIBER_TOKEN = '4a1b2c3d4e5f6071-faults-storm-0a1b2c3d4e5f6071';
const MESSENGER = { pageToken: 'EAAG-faults-storm', appSecret: 'faults-storm-app-secret', verifyToken: 'faults-storm-verify' };
const WHATSAPP = { accessToken: 'EAAG-faults-storm-wa', appSecret: 'faults-storm-wa-secret', verifyToken: 'faults-storm-wa-verify' };
const SEED = Number(process.env.FAULTS_SEED ?? 4401);
const PER_CHANNEL = 10;
const COPIES = 3;
// Slack twice: by HTTP, and over Socket Mode (the same app, the same listeners, another way in).
const CHANNELS = ['telegram', 'viber', 'messenger', 'whatsapp', 'slack', 'slack-socket', 'botframework', 'web'] as const;
type Channel = (typeof CHANNELS)[number];
/** The channel a customer's identity is stored under. */
const storedChannel = (channel: Channel) => (channel === 'slack-socket' ? 'slack' : channel);

/** What the platform saw of one copy of a delivery. */
interface Delivered {
  status: number;
  text: string;
}
const delivered = async (response: Response): Promise<Delivered> => ({ status: response.status, text: await response.text() });
const PLATFORMS = {
  telegram: { token: TG_TOKEN, secret: TG_SECRET },
  slack: { token: SLACK_TOKEN, signingSecret: SLACK_SECRET },
  viber: { authToken: VIBER_TOKEN },
  messenger: MESSENGER,
  whatsapp: WHATSAPP,
  botframework: { anonymous: true },
};

/** One customer of the storm: the address the channel knows them by and what they say. */
interface StormCustomer {
  channel: Channel;
  address: string;
  score: number;
}

describe(`every update delivered ${COPIES} times at once, across channels, under load (${databaseKind})`, () => {
  let t: TestApp;
  let db: DataSource;
  let platforms: Platforms<typeof PLATFORMS>;
  let socketLine: SlackLine;
  let socket: SlackDelivery;
  const chats = new Map<string, ChatClient>();

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    socketLine = await slackOver.socket.open(platforms.slack, { signingSecret: SLACK_SECRET });
    t = await startTestApp({ env: { ...platforms.env, ...socketLine.env, DEFAULT_LOCALE: 'en' } });
    await registerPoints(t.url, 'kyiv-central');
    db = t.app.get(DataSource);
    socket = await socketLine.connect(t.url);
  });
  afterAll(async () => {
    await t.close();
    await socketLine.close();
    await platforms.close();
  });

  let n = 0;

  /** The customer's step (`start` or the score) as the channel delivers it: one request, sent COPIES times at once. */
  function copies(customer: StormCustomer, step: 'start' | 'score'): Promise<Delivered[]> {
    if (customer.channel === 'slack-socket') {
      const raw = slackMessageEvent({ eventId: `EvStorm${++n}`, channel: customer.address, text: step === 'start' ? 'start kyiv-central' : String(customer.score) });
      // Over the socket Slack sends the envelope again, same envelope_id, each time an ack is late.
      return socket.retried({ kind: 'event', callback: raw }, { times: COPIES, atOnce: true }).then((answers) => answers.map((a) => ({ status: a.status, text: JSON.stringify(a.body) })));
    }
    const send = request({ ...customer, channel: customer.channel }, step);
    return Promise.all(Array.from({ length: COPIES }, async () => delivered(await send())));
  }

  /** One copy of the customer's step, as the channel posts it. */
  function request(customer: StormCustomer & { channel: Exclude<Channel, 'slack-socket'> }, step: 'start' | 'score'): () => Promise<Response> {
    const id = ++n;
    const text = step === 'start' ? undefined : String(customer.score);
    switch (customer.channel) {
      case 'telegram': {
        const update =
          step === 'start'
            ? telegramUpdate('message-start', { updateId: 440_000 + id, chatId: Number(customer.address) })
            : telegramUpdate('message-text', { updateId: 440_000 + id, chatId: Number(customer.address), text });
        return () => postTelegramUpdate(t.url, update, { secret: TG_SECRET });
      }
      case 'viber': {
        const raw = viberCallback('message-text', { token: String(4_400_000_000 + id), userId: customer.address, text: text ?? '/start kyiv-central' });
        return () => postViberCallback(t.url, raw, { token: VIBER_TOKEN });
      }
      case 'messenger': {
        // Meta's re-deliveries of one event carry the same mid; the score is a quick reply tapped.
        const event = text === undefined ? messengerEvent.text(customer.address, `m_storm${id}`, '/start kyiv-central') : messengerEvent.quickReply(customer.address, `m_storm${id}`, `s:${text}`, text);
        const raw = messengerWebhook(event);
        return () => postMessengerEvent(t.url, raw, { appSecret: MESSENGER.appSecret });
      }
      case 'whatsapp': {
        // Meta's re-deliveries of one message carry the same wamid; an NPS score is typed.
        const raw = whatsappWebhook({ messages: [whatsappMessage.text(customer.address, `wamid.STORM${id}`, text ?? '/start kyiv-central')] });
        return () => postWhatsappEvent(t.url, raw, { appSecret: WHATSAPP.appSecret });
      }
      case 'slack': {
        const raw = slackMessageEvent({ eventId: `EvStorm${id}`, channel: customer.address, text: text ?? 'start kyiv-central' });
        // Slack's own retries of one event carry the same event_id.
        return () => postToSlack(t.url, raw, { secret: SLACK_SECRET, type: 'json' });
      }
      case 'botframework': {
        const activity = botFrameworkActivity(step === 'start' ? 'conversation-update' : 'message', {
          id: `storm-activity-${id}`,
          conversationId: customer.address,
          serviceUrl: platforms.botframework.url,
          text,
          locale: 'en',
        });
        return () => postBotFrameworkActivity(t.url, activity);
      }
      case 'web': {
        const chat = chats.get(customer.address)!;
        const action = `storm-action-${SEED}-${id}`;
        return () => chat.sendRaw({ id: action, input: { kind: 'scale', value: customer.score } });
      }
    }
  }

  /** Replies the platform received for the customer (the web chat answers them in the response itself). */
  function repliesReceived(customer: StormCustomer): string[] {
    switch (customer.channel) {
      case 'telegram':
        return platforms.telegram.delivered('sendMessage', customer.address).map((c) => String(c.params.text));
      case 'viber':
        return platforms.viber.sent(customer.address).map((c) => String(c.body.text));
      case 'messenger':
        return platforms.messenger.sent(customer.address).map((c) => String(c.message?.text));
      case 'whatsapp':
        return platforms.whatsapp.sent(customer.address).map((c) => String(c.text));
      case 'slack':
      case 'slack-socket':
        return platforms.slack.posted(customer.address).map((c) => String(c.args.text));
      case 'botframework':
        return platforms.botframework.delivered(customer.address).map((c) => String(c.activity.text));
      case 'web':
        return [];
    }
  }

  /**
   * The address a customer's identity is stored under: the web chat keeps a session's hash,
   * WhatsApp the number's blind index, never the session or the number itself.
   */
  function storedAddress(customer: StormCustomer): string {
    if (customer.channel === 'web') return createHash('sha256').update(customer.address).digest('hex');
    if (customer.channel === 'whatsapp') return t.app.get(PiiCipher).blindIndex(`+${customer.address}`).toString('hex');
    return customer.address;
  }

  it(`stores each update once and sends each reply once (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const customers: StormCustomer[] = CHANNELS.flatMap((channel, c) =>
      Array.from({ length: PER_CHANNEL }, (_, i) => ({
        channel,
        address: channel === 'telegram' ? String(44_000_000 + i) : channel === 'whatsapp' ? String(380_673_000_000 + i) : storedChannel(channel) === 'slack' ? `D0STORM${c}${i}` : `storm-${channel}-${SEED}-${i}=`,
        score: Math.floor(random() * 11),
      })),
    );
    // Web chat sessions are opened once (the page opens one); the storm hits their inputs.
    for (const customer of customers.filter((c) => c.channel === 'web')) {
      const chat = new ChatClient(t.url);
      await chat.open({ locale: 'en', point: 'kyiv-central' });
      customer.address = chat.session;
      chats.set(chat.session, chat);
    }

    const statuses: Record<string, number> = {};
    const webAnswers = new Map<string, string[]>();
    const storm = async (customer: StormCustomer) => {
      for (const step of customer.channel === 'web' ? (['score'] as const) : (['start', 'score'] as const)) {
        const responses = await copies(customer, step);
        for (const r of responses) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (customer.channel === 'web') webAnswers.set(customer.address, responses.map((r) => r.text));
      }
    };
    // Ten customers at a time, mixed across channels.
    const queue = [...customers].sort(() => random() - 0.5);
    await Promise.all(Array.from({ length: 10 }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) await storm(c);
    }));

    // Replies still to send, and inputs a peak left in the inbound queue (their replies are not written yet).
    await waitFor(async () => {
      const [{ n: pending }] = await db.query<{ n: number }[]>(
        `SELECT (SELECT count(*) FROM message WHERE direction = 'out' AND delivery = 'pending' AND channel <> 'web')::int
              + (SELECT count(*) FROM inbound_update WHERE failed_at IS NULL)::int AS n`,
      );
      return pending === 0 ? true : undefined;
    }, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const stored = await db.query<{ channel: string; address: string; inputs: number; distinct_keys: number; answers: number; replies: number }[]>(
      `SELECT i.channel, i.address,
              (SELECT count(*)::int FROM conversation_input ci WHERE ci.identity_id = i.id) AS inputs,
              (SELECT count(DISTINCT ci.input_key)::int FROM conversation_input ci WHERE ci.identity_id = i.id) AS distinct_keys,
              (SELECT count(*)::int FROM answer a JOIN conversation c ON c.id = a.conversation_id WHERE c.identity_id = i.id AND a.integral) AS answers,
              (SELECT count(*)::int FROM message m WHERE m.identity_id = i.id AND m.direction = 'out') AS replies
       FROM customer_identity i`,
    );
    const byAddress = new Map(stored.map((r) => [`${r.channel}|${r.address}`, r]));
    const perChannel: Record<string, { customers: number; requests: number; inputsStored: number; answersStored: number; repliesStored: number; repliesReceived: number; doubled: number; lost: number }> = {};
    for (const customer of customers) {
      const stored = storedAddress(customer);
      const row = byAddress.get(`${storedChannel(customer.channel)}|${stored}`);
      const figures = (perChannel[customer.channel] ??= { customers: 0, requests: 0, inputsStored: 0, answersStored: 0, repliesStored: 0, repliesReceived: 0, doubled: 0, lost: 0 });
      figures.customers++;
      figures.requests += (customer.channel === 'web' ? 1 : 2) * COPIES;
      figures.inputsStored += row?.inputs ?? 0;
      figures.answersStored += row?.answers ?? 0;
      figures.repliesStored += row?.replies ?? 0;
      if (customer.channel === 'web') {
        // The page gets its replies in the response: every copy must answer the same messages
        // (counted once per customer as received).
        const answers = webAnswers.get(customer.address)!.map((b) => JSON.stringify((JSON.parse(b) as { messages: { id: string }[] }).messages.map((m) => m.id)));
        figures.repliesReceived += new Set(answers).size === 1 && answers[0] !== '[]' ? 1 : 0;
        figures.doubled += new Set(answers).size - 1;
        continue;
      }
      const received = repliesReceived(customer);
      figures.repliesReceived += received.length;
      figures.doubled += Math.max(0, received.length - (row?.replies ?? 0)) + (received.length - new Set(received).size);
      figures.lost += Math.max(0, (row?.replies ?? 0) - received.length);
    }
    recordFaultFigures('duplicateStorm', { seed: SEED, copies: COPIES, statuses, perChannel });

    expect(Object.keys(statuses)).toEqual(['200']);
    for (const channel of CHANNELS) {
      const figures = perChannel[channel];
      // Web chat inputs: the one score (its session's opening is no input); elsewhere the start and the score.
      expect({ channel, inputs: figures.inputsStored, answers: figures.answersStored, doubled: figures.doubled, lost: figures.lost }).toEqual({
        channel,
        inputs: (channel === 'web' ? 1 : 2) * PER_CHANNEL,
        answers: PER_CHANNEL,
        doubled: 0,
        lost: 0,
      });
      expect(figures.repliesReceived).toBeGreaterThanOrEqual((channel === 'web' ? 1 : 2) * PER_CHANNEL);
    }
  });
});
