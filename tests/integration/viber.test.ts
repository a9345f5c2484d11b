import { DataSource } from 'typeorm';
import { viberCallback, type ViberFixture } from '../support/viber-fixtures';
import { FakeViber, type ViberCall } from '../support/fake-viber';
import { registerPoints } from '../support/points';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitForConversationStatus } from '../support/conversation-state';
import { waitFor } from '../support/wait-for';
import { postViberCallback, viberSignature } from '../support/webhooks';

jest.setTimeout(30_000);

const AUTH_TOKEN = '4a1b2c3d4e5f6071-8293a4b5c6d7e8f9-0a1b2c3d4e5f6071';

interface Keyboard {
  Buttons: { ActionBody: string; Text: string; ActionType: string }[];
}

describe(`Viber channel against a local REST API (${databaseKind})`, () => {
  let fake: FakeViber;
  let t: TestApp;
  let db: DataSource;
  let token = 4_912_661_846_655_238_000n;

  beforeAll(async () => {
    fake = await FakeViber.start(AUTH_TOKEN);
    t = await startTestApp({ env: { VIBER_AUTH_TOKEN: AUTH_TOKEN, VIBER_API_URL: fake.url, PUBLIC_URL: 'https://feedback.example.com' } });
    db = t.app.get(DataSource);
    await registerPoints(t.url, 'kyiv-central');
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const postRaw = (raw: string, signature?: string) => postViberCallback(t.url, raw, { token: AUTH_TOKEN, signature });
  const send = async (fixture: ViberFixture, userId: string, text?: string) => {
    const res = await postRaw(viberCallback(fixture, { token: String(++token), userId, text }));
    expect(res.status).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const sentTo = (userId: string, n: number) => waitFor(() => fake.sent(userId)[n - 1]);
  /** Replies with a keyboard button, as Viber sends its ActionBody back as a text message. */
  const press = (call: ViberCall, userId: string, label?: string) => {
    const buttons = (call.body.keyboard as Keyboard).Buttons;
    return send('message-text', userId, (label === undefined ? buttons[0] : buttons.find((b) => b.Text === label)!).ActionBody);
  };
  const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }[]>(sql, params))[0].n;

  it('registers its webhook for the events it records', () => {
    expect(fake.calls.find((c) => c.method === 'set_webhook')?.body).toMatchObject({ url: 'https://feedback.example.com/webhooks/viber' });
  });

  it('welcomes, then runs a whole NPS dialogue through keyboards, with the shared phone', async () => {
    const user = 'viber-user-1=';
    const welcome = await send('conversation-started', user);
    expect(welcome).toMatchObject({ type: 'text', keyboard: { Buttons: [{ ActionBody: '/start kyiv-central', Text: 'Rate our service' }] } });

    await send('message-text', user, '/start kyiv-central');
    const nps = await sentTo(user, 1);
    expect(nps.body).toMatchObject({ receiver: user, sender: { name: 'Turbota' }, type: 'text' });
    expect((nps.body.keyboard as Keyboard).Buttons).toHaveLength(11);
    await press(nps, user, '2');
    await press(await sentTo(user, 2), user, 'I waited too long');
    const contact = await sentTo(user, 3);
    expect((contact.body.keyboard as Keyboard).Buttons[0]).toMatchObject({ ActionType: 'share-phone' });
    expect((contact.body.keyboard as Keyboard).Buttons[1]).toMatchObject({ ActionType: 'reply', ActionBody: 'c:no', Text: 'No, thanks' });
    await send('message-contact', user);
    expect((await sentTo(user, 4)).body.text).toMatch(/\nYour case number is INC-\d+\./);
    for (let n = 5; n <= 6; n++) await press(await sentTo(user, n), user);
    expect((await sentTo(user, 7)).body.text).toMatch(/Thanks for your answers|That's all|great help/);

    const answers = await db.query<{ channel: string; point_of_service: string }[]>(
      `SELECT a.channel, a.point_of_service FROM answer a JOIN conversation c ON c.id = a.conversation_id JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = $1`,
      [user],
    );
    expect(answers).toHaveLength(4);
    expect(answers.every((a) => a.channel === 'viber' && a.point_of_service === 'kyiv-central')).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM complaint WHERE channel = 'viber' AND phone_sealed IS NOT NULL`)).toBe(1);
  });

  it('records delivered, seen and failed reports against the message they concern', async () => {
    const user = 'viber-user-2=';
    await send('message-text', user, '/start');
    const first = await sentTo(user, 1);
    await waitFor(async () => ((await count(`SELECT count(*)::int AS n FROM message WHERE platform_message_id = $1`, [first.token])) ? true : undefined));
    for (const fixture of ['delivered', 'seen', 'seen'] as const) {
      const res = await postRaw(viberCallback(fixture, { token: first.token!, userId: user }));
      expect(res.status).toBe(200);
    }
    const [row] = await db.query<{ delivered: boolean; seen: boolean }[]>(
      `SELECT delivered_at IS NOT NULL AS delivered, seen_at IS NOT NULL AS seen FROM message WHERE platform_message_id = $1`,
      [first.token],
    );
    expect(row).toEqual({ delivered: true, seen: true });
    await postRaw(viberCallback('failed', { token: first.token!, userId: user }));
    expect(await db.query(`SELECT delivery, last_error FROM message WHERE platform_message_id = $1`, [first.token])).toEqual([{ delivery: 'failed', last_error: 'failure description' }]);
  });

  it('refuses a forged signature with 401 and writes nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM conversation_input');
    const raw = viberCallback('message-text', { token: String(++token), userId: 'viber-user-3=', text: '/start' });
    expect((await postRaw(raw, viberSignature('another-token', raw))).status).toBe(401);
    expect((await postRaw(raw, '')).status).toBe(401);
    expect(await count('SELECT count(*)::int AS n FROM conversation_input')).toBe(before);
  });

  it('stores a callback delivered three times at once only once', async () => {
    const user = 'viber-user-4=';
    const raw = viberCallback('message-text', { token: String(++token), userId: user, text: '/start' });
    expect((await Promise.all([postRaw(raw), postRaw(raw), postRaw(raw)])).map((r) => r.status)).toEqual([200, 200, 200]);
    await sentTo(user, 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fake.sent(user)).toHaveLength(1);
    expect(await count(`SELECT count(*)::int AS n FROM conversation_input WHERE input_key = $1`, [`vb:${token}`])).toBe(1);
  });

  it('answers malformed bodies with 400 and a message', async () => {
    const noEvent = await postRaw('{"timestamp":1}');
    expect(noEvent.status).toBe(400);
    expect(((await noEvent.json()) as { message: string }).message).toMatch(/event is missing/);
    expect((await postRaw('{"event":')).status).toBe(400);
    const noSender = await postRaw(`{"event":"message","message_token":1,"message":{"type":"text","text":"hi"}}`);
    expect(noSender.status).toBe(400);
  });

  it('treats unsubscribing as an opt-out, and a receiver who is not subscribed as unreachable', async () => {
    const leaving = 'viber-user-5=';
    await send('message-text', leaving, '/start');
    await sentTo(leaving, 1);
    await send('unsubscribed', leaving);
    const [left] = await db.query<{ opted_out: boolean; unreachable: boolean; status: string }[]>(
      `SELECT cu.opted_out_at IS NOT NULL AS opted_out, i.unreachable_at IS NOT NULL AS unreachable, c.status
       FROM customer_identity i JOIN customer cu ON cu.id = i.customer_id JOIN conversation c ON c.identity_id = i.id WHERE i.address = $1`,
      [leaving],
    );
    expect(left).toEqual({ opted_out: true, unreachable: true, status: 'stopped' });

    const gone = 'viber-user-6=';
    fake.unsubscribed.add(gone);
    await send('message-text', gone, '/start');
    expect(await waitForConversationStatus(db, gone, 'unreachable')).toBe('unreachable');
  });
});
