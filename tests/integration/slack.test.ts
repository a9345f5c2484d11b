import { DataSource } from 'typeorm';
import { slackButtonPress, slackMessageEvent, slackUrlVerification } from '../support/slack-fixtures';
import { FakeSlack, type SlackCall } from '../support/fake-slack';
import { registerPoints } from '../support/points';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitForConversationStatus } from '../support/conversation-state';
import { waitFor } from '../support/wait-for';
import { postToSlack, type SlackPostOptions } from '../support/webhooks';
import { interactionPayload, type SlackDelivery, type SlackLine, slackTransports } from '../support/slack-transports';

jest.setTimeout(40_000);

const BOT_TOKEN = 'xoxb-0000-test-token';
const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

interface Blocks {
  blocks: { type: string; elements?: { text: { text: string }; value: string }[] }[];
}

describe.each(slackTransports)(`Slack for customers against a local Web API, over $name (${databaseKind})`, (transport) => {
  let fake: FakeSlack;
  let line: SlackLine;
  let slack: SlackDelivery;
  let t: TestApp;
  let db: DataSource;
  let n = 0;
  // Signatures, statuses and the URL check belong to the HTTP endpoint; over the socket they do not arise.
  const httpOnly = transport.name === 'http' ? it : it.skip;

  beforeAll(async () => {
    fake = await FakeSlack.start(BOT_TOKEN);
    line = await transport.open(fake, { signingSecret: SIGNING_SECRET });
    t = await startTestApp({ env: { ...line.env, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.url, DEFAULT_LOCALE: 'en' } });
    db = t.app.get(DataSource);
    await registerPoints(t.url, 'kyiv-central');
    slack = await line.connect(t.url);
  });
  afterAll(async () => {
    await t.close();
    await line.close();
    await fake.close();
  });

  const post = (raw: string, type: 'json' | 'form', options: Partial<SlackPostOptions> = {}) => postToSlack(t.url, raw, { secret: SIGNING_SECRET, type, ...options });
  const write = async (channel: string, text: string) => expect((await slack.deliver({ kind: 'event', callback: slackMessageEvent({ eventId: `Ev${++n}`, channel, text }) })).status).toBe(200);
  const press = async (call: SlackCall, channel: string, label?: string) => {
    const buttons = (call.args as unknown as Blocks).blocks.find((b) => b.type === 'actions')!.elements!;
    const button = label === undefined ? buttons[0] : buttons.find((b) => b.text.text === label)!;
    const raw = slackButtonPress({ channel, actionTs: `1700000000.${++n}`, value: button.value, label: button.text.text, messageTs: call.ts!, messageText: String(call.args.text) });
    expect((await slack.deliver({ kind: 'interaction', payload: interactionPayload(raw) })).status).toBe(200);
  };
  const posted = (channel: string, i: number) => waitFor(() => fake.posted(channel)[i - 1]);

  httpOnly('answers the Events API URL check with its challenge (HTTP only)', async () => {
    const raw = slackUrlVerification();
    expect(await (await post(raw, 'json')).json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('runs a whole NPS dialogue in a direct message with Block Kit buttons', async () => {
    const channel = 'D0SLACK001';
    await write(channel, 'start kyiv-central');
    const nps = await posted(channel, 1);
    expect((nps.args as unknown as Blocks).blocks[1].elements!.map((e) => e.text.text)).toEqual(Array.from({ length: 11 }, (_, i) => String(i)));
    await press(nps, channel, '2');
    const update = await waitFor(() => fake.calls.find((c) => c.method === 'chat.update' && c.args.channel === channel));
    expect(update.args).toMatchObject({ ts: nps.ts });
    expect(String(update.args.text)).toMatch(/✓ 2$/);
    await press(await posted(channel, 2), channel, 'I waited too long');
    await posted(channel, 3);
    await write(channel, 'olena@example.com');
    await posted(channel, 4);
    for (let i = 5; i <= 6; i++) await press(await posted(channel, i), channel);
    await posted(channel, 7);
    const answers = await db.query<{ channel: string; point_of_service: string }[]>(
      `SELECT a.channel, a.point_of_service FROM answer a JOIN conversation c ON c.id = a.conversation_id JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = $1`,
      [channel],
    );
    expect(answers).toHaveLength(4);
    expect(answers.every((a) => a.channel === 'slack' && a.point_of_service === 'kyiv-central')).toBe(true);
    expect(await db.query(`SELECT count(*)::int AS n FROM complaint WHERE channel = 'slack' AND email_sealed IS NOT NULL`)).toEqual([{ n: 1 }]);
  });

  httpOnly('refuses forged, stale and future signatures with 401 and writes nothing (HTTP only)', async () => {
    const before = await db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM conversation_input');
    const raw = slackMessageEvent({ eventId: 'EvForged', channel: 'D0SLACK002', text: 'start' });
    const now = Math.floor(Date.now() / 1000);
    // Ten seconds past the five-minute window, so the clock's next second never brings one back within it.
    for (const forgery of [{ secret: 'another-secret', at: now }, { at: now - 310 }, { at: now + 310 }, { secret: null }]) {
      expect((await post(raw, 'json', forgery)).status).toBe(401);
    }
    expect(await db.query('SELECT count(*)::int AS n FROM conversation_input')).toEqual(before);
  });

  it('stores a retried event (same event_id, three at once) only once', async () => {
    const channel = 'D0SLACK003';
    const raw = slackMessageEvent({ eventId: 'EvRetried', channel, text: 'start' });
    const answers = await slack.retried({ kind: 'event', callback: raw }, { times: 3, atOnce: true });
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    await posted(channel, 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fake.posted(channel)).toHaveLength(1);
  });

  httpOnly('answers malformed bodies with 400 (HTTP only)', async () => {
    expect((await post('{"event_id":"x"}', 'json')).status).toBe(400);
    expect((await post('payload=%7Bnot-json', 'form')).status).toBe(400);
  });

  it('waits out a 429 Retry-After, and ends the conversation when the DM is gone', async () => {
    const slow = 'D0SLACK004';
    fake.rateLimit(2);
    await write(slow, 'start');
    const delivered = await waitFor(() => fake.posted(slow)[0], 10_000);
    const refused = fake.calls.find((c) => c.status === 429 && c.args.channel === slow)!;
    expect(delivered.at - refused.at).toBeGreaterThanOrEqual(1900);

    const gone = 'D0SLACK005';
    fake.gone.add(gone);
    await write(gone, 'start');
    expect(await waitForConversationStatus(db, gone, 'unreachable')).toBe('unreachable');
  });
});
