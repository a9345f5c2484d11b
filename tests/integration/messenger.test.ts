import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { type Locale, projectPath } from '@turbota/common';
import type { DialogueTexts } from '@turbota/dialogue';
import { PiiCipher } from '@turbota/privacy';
import { type MessengerCall, GRAPH_FAILURES } from '../support/fake-messenger';
import { messengerEvent as ev, messengerWebhook } from '../support/messenger-fixtures';
import { type Platforms, startPlatforms } from '../support/platforms';
import { registerPoints } from '../support/points';
import { createPolicy } from '../support/survey-policies';
import { apiCall, startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitForConversationStatus } from '../support/conversation-state';
import { waitFor } from '../support/wait-for';
import { messengerHandshake, metaSignatureHeader, postMessengerEvent } from '../support/webhooks';

jest.setTimeout(60_000);

const EN = (JSON.parse(readFileSync(projectPath('config/dialogue-texts.json'), 'utf8')) as Record<Locale, DialogueTexts>).en;
const MESSENGER = { pageToken: 'EAAG-integration-page-token', appSecret: 'messenger-app-secret-0123456789', verifyToken: 'turbota-verify-7f3a' };
const PLATFORMS = { messenger: MESSENGER };

/**
 * The Messenger channel end to end against a local Graph API: Meta's subscription check, a
 * detractor's whole path by quick replies, signatures, re-deliveries, receipts, a blocked
 * person, a rate limit, an `m.me` link naming a point, an invitation outside the 24-hour window.
 */
describe(`Messenger channel against a local Graph API (${databaseKind})`, () => {
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let db: DataSource;
  let mid = 0;

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    t = await startTestApp({ env: { ...platforms.env, DEFAULT_LOCALE: 'en', PUBLIC_URL: 'https://feedback.example.com' } });
    db = t.app.get(DataSource);
    await registerPoints(t.url, 'kyiv-central');
  });
  afterAll(async () => {
    await t.close();
    await platforms.close();
  });

  const fake = () => platforms.messenger;
  const nextMid = () => `m_in${String(++mid).padStart(6, '0')}`;
  const post = (raw: string, signature?: string | null) => postMessengerEvent(t.url, raw, { appSecret: MESSENGER.appSecret, signature });
  const send = async (...events: object[]) => {
    const res = await post(messengerWebhook(...events));
    expect(res.status).toBe(200);
  };
  const sentTo = (psid: string, n: number) => waitFor(() => fake().sent(psid)[n - 1], 20_000);
  /** The quick reply for an answer: titled with its label, or with its number where the labels are listed in the text. */
  const replyFor = (call: MessengerCall, label: string) => {
    const replies = call.message?.quick_replies ?? [];
    const line = call.message!.text.split('\n').find((l) => l.endsWith(`. ${label}`));
    const reply = replies.find((r) => r.title === label) ?? (line ? replies.find((r) => r.title?.startsWith(line.slice(0, line.indexOf('.') + 1))) : undefined);
    if (!reply) throw new Error(`No quick reply "${label}" on: ${JSON.stringify(call.message)}`);
    return reply;
  };
  /** Taps a quick reply: Messenger posts its title as the customer's message, its payload beside it. */
  const tap = (psid: string, call: MessengerCall, label: string) => {
    const reply = replyFor(call, label);
    return send(ev.quickReply(psid, nextMid(), reply.payload!, reply.title));
  };
  const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }[]>(sql, params))[0].n;
  const pendingSends = () => count(`SELECT count(*)::int AS n FROM message WHERE channel = 'messenger' AND direction = 'out' AND delivery = 'pending'`);
  const settled = () => waitFor(async () => ((await pendingSends()) === 0 ? true : undefined), 20_000);

  it("answers Meta's subscription check with the challenge only for the verify token", async () => {
    const right = await messengerHandshake(t.url, { mode: 'subscribe', verifyToken: MESSENGER.verifyToken, challenge: '1158201444' });
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await right.text()).toBe('1158201444');
    expect((await messengerHandshake(t.url, { mode: 'subscribe', verifyToken: 'another-token', challenge: '1158201444' })).status).toBe(403);
    expect((await messengerHandshake(t.url, { mode: 'subscribe', challenge: '1158201444' })).status).toBe(403);
    expect((await messengerHandshake(t.url, { mode: 'unsubscribe', verifyToken: MESSENGER.verifyToken, challenge: '1' })).status).toBe(403);
  });

  it('runs a detractor from Get Started through NPS 2, the reason and the shared phone to the case number', async () => {
    const psid = '24910000000000001';
    await send(ev.postback(psid, '/start', { mid: nextMid() }));
    const nps = await sentTo(psid, 1);
    expect(nps.body).toMatchObject({ recipient: { id: psid }, messaging_type: 'RESPONSE' });
    expect(nps.message!.quick_replies!.slice(0, 11).map((r) => [r.title, r.payload])).toEqual(Array.from({ length: 11 }, (_, i) => [String(i), `s:${i}`]));
    await tap(psid, nps, '2');
    const reason = await sentTo(psid, 2);
    await tap(psid, reason, 'I waited too long');
    const contact = await sentTo(psid, 3);
    expect(contact.message!.quick_replies).toEqual(expect.arrayContaining([{ content_type: 'user_phone_number' }, { content_type: 'text', title: EN.noThanks, payload: 'c:no' }]));
    await send(ev.sharedPhone(psid, nextMid(), '+380671234567'));
    const thanks = await sentTo(psid, 4);
    expect(thanks.message!.text).toMatch(/Your case number is INC-\d+\./);

    const answers = await db.query<{ channel: string; question_code: string; score: number | null }[]>(
      `SELECT a.channel, a.question_code, a.score FROM answer a JOIN conversation c ON c.id = a.conversation_id JOIN customer_identity i ON i.id = c.identity_id
       WHERE i.channel = 'messenger' AND i.address = $1 ORDER BY a.answered_at, a.id`,
      [psid],
    );
    expect(answers.map((a) => [a.channel, a.question_code])).toEqual([['messenger', 'nps'], ['messenger', 'reason']]);
    expect(answers[0].score).toBe(2);
    const [complaint] = await db.query<{ phone_sealed: Buffer }[]>(
      `SELECT cp.phone_sealed FROM complaint cp JOIN conversation c ON c.id = cp.conversation_id JOIN customer_identity i ON i.id = c.identity_id WHERE i.channel = 'messenger' AND i.address = $1`,
      [psid],
    );
    expect(t.app.get(PiiCipher).open(complaint.phone_sealed)).toBe('+380671234567');
  });

  it('refuses a forged or missing signature with 401 and stores nothing', async () => {
    await settled();
    const before = await count('SELECT count(*)::int AS n FROM conversation_input');
    const raw = messengerWebhook(ev.text('24910000000000003', nextMid(), '/start'));
    expect((await post(raw, metaSignatureHeader('another-secret', raw)['X-Hub-Signature-256'])).status).toBe(401);
    expect((await post(raw, metaSignatureHeader(MESSENGER.appSecret, `${raw} `)['X-Hub-Signature-256'])).status).toBe(401);
    expect((await post(raw, null)).status).toBe(401);
    expect((await post(raw, 'sha256=')).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await count('SELECT count(*)::int AS n FROM conversation_input')).toBe(before);
    expect(fake().sent('24910000000000003')).toEqual([]);
  });

  it('takes an event delivered again, or three times at once, only once: one input, one reply', async () => {
    const psid = '24910000000000004';
    const key = nextMid();
    const raw = messengerWebhook(ev.text(psid, key, '/start'));
    expect((await Promise.all([post(raw), post(raw), post(raw)])).map((r) => r.status)).toEqual([200, 200, 200]);
    await sentTo(psid, 1);
    expect((await post(raw)).status).toBe(200);
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake().sent(psid)).toHaveLength(1);
    expect(await count(`SELECT count(*)::int AS n FROM conversation_input WHERE input_key = $1`, [`mg:${key}`])).toBe(1);
  });

  it('answers a malformed body from Meta with 400 naming what is wrong, and ignores echoes', async () => {
    const missing = await post(JSON.stringify({ entry: [] }));
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toMatch(/object and entry\[\] are missing/);
    expect((await post('{"object":')).status).toBe(400);
    const noSender = await post(JSON.stringify({ object: 'page', entry: [{ messaging: [{ message: { mid: 'm_x', text: 'hi' } }] }] }));
    expect(noSender.status).toBe(400);
    expect(((await noSender.json()) as { message: string }).message).toMatch(/sender\.id is missing/);
    const wrongType = await post(JSON.stringify({ object: 'page', entry: [{ messaging: [{ sender: { id: 42 }, message: { mid: 'm_y', text: 'hi' } }] }] }));
    expect(wrongType.status).toBe(400);
    await send(ev.echo('24910000000000005', nextMid()));
  });

  it('records delivery by message id and by watermark, and reading by watermark', async () => {
    const psid = '24910000000000006';
    await send(ev.text(psid, nextMid(), '/start'));
    const first = await sentTo(psid, 1);
    const stored = () => db.query<{ delivered: boolean; seen: boolean }[]>(`SELECT delivered_at IS NOT NULL AS delivered, seen_at IS NOT NULL AS seen FROM message WHERE platform_message_id = $1`, [first.messageId]);
    await waitFor(async () => ((await stored()).length ? true : undefined));
    await send(ev.delivery(psid, [first.messageId!], Date.now()));
    expect(await stored()).toEqual([{ delivered: true, seen: false }]);
    await send(ev.read(psid, Date.now()), ev.read(psid, Date.now()));
    expect(await stored()).toEqual([{ delivered: true, seen: true }]);

    // Without mids, the watermark covers what was sent into the chat up to it, and nothing of another chat.
    const other = '24910000000000007';
    await send(ev.text(other, nextMid(), '/start'));
    const second = await sentTo(other, 1);
    await waitFor(async () => ((await count(`SELECT count(*)::int AS n FROM message WHERE platform_message_id = $1`, [second.messageId])) ? true : undefined));
    await send(ev.delivery(psid, undefined, Date.now()));
    const delivered = async (id: string) => (await db.query<{ d: boolean }[]>(`SELECT delivered_at IS NOT NULL AS d FROM message WHERE platform_message_id = $1`, [id]))[0].d;
    expect(await delivered(second.messageId!)).toBe(false);
    await send(ev.delivery(other, undefined, Date.now()));
    expect(await delivered(second.messageId!)).toBe(true);
  });

  it('marks a person who blocked the Page unreachable and ends their conversation', async () => {
    const psid = '24910000000000008';
    fake().blocked.add(psid);
    await send(ev.text(psid, nextMid(), '/start'));
    expect(await waitForConversationStatus(db, psid, 'unreachable')).toBe('unreachable');
    const [identity] = await db.query<{ unreachable: boolean }[]>(`SELECT unreachable_at IS NOT NULL AS unreachable FROM customer_identity WHERE channel = 'messenger' AND address = $1`, [psid]);
    expect(identity.unreachable).toBe(true);
  });

  it('waits out a 429 and sends the message after it', async () => {
    await settled();
    const psid = '24910000000000009';
    fake().failNext(GRAPH_FAILURES.rateLimited(1));
    await send(ev.text(psid, nextMid(), '/start'));
    const delivered = await sentTo(psid, 1);
    const attempts = fake().calls.filter((c) => c.recipient === psid);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(delivered.at - attempts[0].at).toBeGreaterThanOrEqual(900);
    // Meta has it; the outbox writes that down just after.
    const row = await waitFor(async () => {
      const [stored] = await db.query<{ delivery: string; last_error: string | null }[]>(`SELECT delivery, last_error FROM message WHERE platform_message_id = $1`, [delivered.messageId]);
      return stored;
    });
    expect(row).toEqual({ delivery: 'sent', last_error: null });
  });

  it("starts the point's survey from an m.me link: a referral in an open conversation, or Get Started's", async () => {
    const open = '24910000000000010';
    await send(ev.referral(open, 'kyiv-central'));
    await sentTo(open, 1);
    const pointOf = async (psid: string) =>
      (await db.query<{ point_of_service: string | null }[]>(
        `SELECT c.point_of_service FROM conversation c JOIN customer_identity i ON i.id = c.identity_id WHERE i.channel = 'messenger' AND i.address = $1 ORDER BY c.started_at DESC LIMIT 1`,
        [psid],
      ))[0]?.point_of_service;
    expect(await pointOf(open)).toBe('kyiv-central');
    const fresh = '24910000000000011';
    await send(ev.postback(fresh, '/start', { ref: 'kyiv-central' }));
    await sentTo(fresh, 1);
    expect(await pointOf(fresh)).toBe('kyiv-central');
  });

  it('records an invitation Meta refuses outside the 24-hour window as the failure of the message, and goes on', async () => {
    await createPolicy(t.url, { name: 'Messenger calls', serviceTypes: ['messenger-call'] });
    const psid = '24910000000000012';
    fake().outsideWindow.add(psid);
    const reported = await apiCall(t.url, '/api/v1/contacts', {
      method: 'POST',
      body: { externalId: 'messenger-late-1', customer: { channel: 'messenger', address: psid, locale: 'en' }, serviceType: 'messenger-call', occurredAt: new Date().toISOString() },
    });
    expect(reported.status).toBe(201);
    expect(await reported.json()).toMatchObject({ decision: 'invited' });
    const failed = await waitFor(async () => {
      const [row] = await db.query<{ delivery: string; last_error: string }[]>(
        `SELECT m.delivery, m.last_error FROM message m JOIN customer_identity i ON i.id = m.identity_id WHERE i.channel = 'messenger' AND i.address = $1 AND m.direction = 'out'`,
        [psid],
      );
      return row?.delivery === 'failed' ? row : undefined;
    }, 20_000);
    expect(failed.last_error).toMatch(/^Rejected: send: HTTP 400 \(#10\/2018278\).*; outside the 24-hour window: the customer's last message was more than 24 hours ago/);
    // As viewers read it: refused by the platform, with its status.
    const deliveries = (await (await apiCall(t.url, '/api/v1/deliveries?status=failed&channel=messenger')).json()) as { items: { failure: { category: string; httpStatus: number | null } }[] };
    expect(deliveries.items.map((d) => d.failure)).toContainEqual(expect.objectContaining({ category: 'rejected', httpStatus: 400 }));
    // The person is not taken for gone: their next message opens the window again.
    const [identity] = await db.query<{ unreachable: boolean }[]>(`SELECT unreachable_at IS NOT NULL AS unreachable FROM customer_identity WHERE channel = 'messenger' AND address = $1`, [psid]);
    expect(identity.unreachable).toBe(false);
  });
});
