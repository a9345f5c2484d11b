import { DataSource } from 'typeorm';
import { PiiCipher } from '@turbota/privacy';
import { FakeTwilio } from '../support/fake-twilio';
import { type WhatsappCall, WHATSAPP_FAILURES } from '../support/fake-whatsapp';
import { ManualClock } from '../support/manual-clock';
import { type Platforms, startPlatforms } from '../support/platforms';
import { registerPoints } from '../support/points';
import { createPolicy } from '../support/survey-policies';
import { apiCall, startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { messengerHandshake as handshake, metaSignatureHeader, postWhatsappEvent } from '../support/webhooks';
import { whatsappMessage as msg, whatsappStatus, whatsappWebhook } from '../support/whatsapp-fixtures';
import { findSecrets, phoneForms, scanDatabase } from '../reliability/personal-data/pii-scan';

jest.setTimeout(90_000);

const WHATSAPP = { accessToken: 'EAAG-integration-whatsapp-token', appSecret: 'whatsapp-app-secret-0123456789', verifyToken: 'turbota-wa-verify-5d1c' };
const PLATFORMS = { whatsapp: WHATSAPP };
const SID = `AC${'7'.repeat(32)}`;
const TWILIO_TOKEN = 'twilio-auth-token-for-whatsapp-tests';
const LINK = /\/chat\/s\/(sv_[A-Za-z0-9_-]{24})/;

/** The customers of the run, by their `wa_id` (their numbers' digits). */
const DETRACTOR = '380672100001';
const CUSTOMERS = [DETRACTOR, '380672100002', '380672100003', '380672100004', '380672100005', '380672100006', '380672100007'];

/**
 * The WhatsApp channel end to end against a local Cloud API: Meta's subscription check, a
 * detractor's whole path by typed score, buttons and a list, signatures, re-deliveries, statuses,
 * a throughput limit, an invitation's quick reply opening the contact's survey, and no customer's
 * number kept in the clear. Every input goes through the inbound queue (sealed at rest) on its way.
 */
describe(`WhatsApp channel against a local Cloud API (${databaseKind})`, () => {
  let twilio: FakeTwilio;
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let db: DataSource;
  let wamid = 0;
  // Real time, moved on only by the last test.
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    [twilio, platforms] = await Promise.all([FakeTwilio.start(SID, TWILIO_TOKEN), startPlatforms(PLATFORMS)]);
    const sms = { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TWILIO_TOKEN, TWILIO_FROM: '+15005550006', TWILIO_API_URL: twilio.url };
    t = await startTestApp({ env: { ...platforms.env, ...sms, DEFAULT_LOCALE: 'en', PUBLIC_URL: 'https://feedback.example.com', WEBHOOK_INLINE_STEPS: '0' }, clock });
    db = t.app.get(DataSource);
    await registerPoints(t.url, 'kyiv-central');
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([platforms?.close(), twilio?.close()]);
  });

  const fake = () => platforms.whatsapp;
  const nextId = () => `wamid.IN${String(++wamid).padStart(8, '0')}`;
  const post = (raw: string, signature?: string | null) => postWhatsappEvent(t.url, raw, { appSecret: WHATSAPP.appSecret, signature });
  const send = async (...messages: { from: string }[]) => {
    const res = await post(whatsappWebhook({ messages }));
    expect(res.status).toBe(200);
  };
  const sentTo = (waId: string, n: number) => waitFor(() => fake().sent(waId)[n - 1], 20_000);
  const addressOf = (waId: string) => t.app.get(PiiCipher).blindIndex(`+${waId}`).toString('hex');
  /** Taps the reply button or list row of an answer, found by its label or its number where the labels are listed in the text. */
  const tap = (waId: string, call: WhatsappCall, label: string) => {
    const answers = call.answers ?? [];
    const line = call.text?.split('\n').find((l) => l.endsWith(`. ${label}`));
    const answer = answers.find((a) => a.title === label) ?? (line ? answers.find((a) => a.title.startsWith(line.slice(0, line.indexOf('.') + 1))) : undefined);
    if (!answer) throw new Error(`No answer "${label}" on: ${JSON.stringify(call.body)}`);
    const isList = (call.body.interactive as { type: string }).type === 'list';
    return send(isList ? msg.listRow(waId, nextId(), answer.id, answer.title) : msg.button(waId, nextId(), answer.id, answer.title));
  };
  const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }[]>(sql, params))[0].n;
  const settled = () =>
    waitFor(async () => {
      const pending = await count(`SELECT count(*)::int AS n FROM message WHERE channel = 'whatsapp' AND direction = 'out' AND delivery = 'pending'`);
      const queued = await count(`SELECT count(*)::int AS n FROM inbound_update`);
      return pending + queued === 0 ? true : undefined;
    }, 20_000);

  it("answers Meta's subscription check with the challenge only for the verify token", async () => {
    const right = await handshake(t.url, { mode: 'subscribe', verifyToken: WHATSAPP.verifyToken, challenge: '1158201444' }, 'whatsapp');
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await right.text()).toBe('1158201444');
    expect((await handshake(t.url, { mode: 'subscribe', verifyToken: 'another-token', challenge: '1158201444' }, 'whatsapp')).status).toBe(403);
    expect((await handshake(t.url, { mode: 'subscribe', challenge: '1158201444' }, 'whatsapp')).status).toBe(403);
  });

  it("runs a detractor from a point's start words (a wa.me link's text) through a typed NPS 2, the reason and the shared number to the case number", async () => {
    await send(msg.text(DETRACTOR, nextId(), '/start kyiv-central'));
    const nps = await sentTo(DETRACTOR, 1);
    // Eleven points fit no list: the score is typed.
    expect(nps.body).toMatchObject({ messaging_product: 'whatsapp', recipient_type: 'individual', to: DETRACTOR, type: 'text' });
    expect(nps.text).toContain('Type a number from 0 to 10.');
    await send(msg.text(DETRACTOR, nextId(), '2'));
    const reason = await sentTo(DETRACTOR, 2);
    await tap(DETRACTOR, reason, 'I waited too long');
    const contact = await sentTo(DETRACTOR, 3);
    expect(contact.answers?.map((a) => a.id)).toEqual(['share-phone', 'c:no']);
    await tap(DETRACTOR, contact, contact.answers![0].title);
    const thanks = await sentTo(DETRACTOR, 4);
    expect(thanks.text).toMatch(/Your case number is INC-\d+\./);

    const answers = await db.query<{ channel: string; question_code: string; score: number | null }[]>(
      `SELECT a.channel, a.question_code, a.score FROM answer a JOIN conversation c ON c.id = a.conversation_id JOIN customer_identity i ON i.id = c.identity_id
       WHERE i.channel = 'whatsapp' AND i.address = $1 ORDER BY a.answered_at, a.id`,
      [addressOf(DETRACTOR)],
    );
    expect(answers.map((a) => [a.channel, a.question_code, a.score])).toEqual([['whatsapp', 'nps', 2], ['whatsapp', 'reason', null]]);
    const [complaint] = await db.query<{ phone_sealed: Buffer; incident: number }[]>(
      `SELECT cp.phone_sealed, (SELECT count(*)::int FROM incident n WHERE n.customer_id = c.customer_id) AS incident
       FROM complaint cp JOIN conversation c ON c.id = cp.conversation_id JOIN customer_identity i ON i.id = c.identity_id WHERE i.channel = 'whatsapp' AND i.address = $1`,
      [addressOf(DETRACTOR)],
    );
    expect(t.app.get(PiiCipher).open(complaint.phone_sealed)).toBe(`+${DETRACTOR}`);
    expect(complaint.incident).toBe(1);
  });

  it('refuses a forged or missing signature with 401 and stores nothing', async () => {
    await settled();
    const before = await count('SELECT (SELECT count(*) FROM conversation_input) + (SELECT count(*) FROM inbound_update) AS n');
    const raw = whatsappWebhook({ messages: [msg.text(CUSTOMERS[2], nextId(), '/start')] });
    expect((await post(raw, metaSignatureHeader('another-secret', raw)['X-Hub-Signature-256'])).status).toBe(401);
    expect((await post(raw, metaSignatureHeader(WHATSAPP.appSecret, `${raw} `)['X-Hub-Signature-256'])).status).toBe(401);
    expect((await post(raw, null)).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await count('SELECT (SELECT count(*) FROM conversation_input) + (SELECT count(*) FROM inbound_update) AS n')).toBe(before);
    expect(fake().sent(CUSTOMERS[2])).toEqual([]);
  });

  it('takes a message delivered again, or three times at once, only once: one input, one reply', async () => {
    const waId = CUSTOMERS[3];
    const key = nextId();
    const raw = whatsappWebhook({ messages: [msg.text(waId, key, '/start kyiv-central')] });
    expect((await Promise.all([post(raw), post(raw), post(raw)])).map((r) => r.status)).toEqual([200, 200, 200]);
    await sentTo(waId, 1);
    expect((await post(raw)).status).toBe(200);
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake().sent(waId)).toHaveLength(1);
    expect(await count(`SELECT count(*)::int AS n FROM conversation_input WHERE input_key = $1`, [`wa:${key}`])).toBe(1);
  });

  it('records delivered, read and failed statuses on the messages they name, the failure by its code and title', async () => {
    const [first, second] = [await sentTo(DETRACTOR, 1), await sentTo(DETRACTOR, 2)];
    const stored = (id: string) =>
      db.query<{ delivered: boolean; seen: boolean; delivery: string; last_error: string | null }[]>(
        `SELECT delivered_at IS NOT NULL AS delivered, seen_at IS NOT NULL AS seen, delivery, last_error FROM message WHERE platform_message_id = $1`,
        [id],
      );
    await settled();
    const raw = whatsappWebhook({
      statuses: [
        whatsappStatus(first.messageId!, 'sent', DETRACTOR),
        whatsappStatus(first.messageId!, 'delivered', DETRACTOR),
        whatsappStatus(first.messageId!, 'read', DETRACTOR),
        whatsappStatus(second.messageId!, 'failed', DETRACTOR, { code: 131026, title: 'Message undeliverable' }),
      ],
    });
    expect((await post(raw)).status).toBe(200);
    expect(await stored(first.messageId!)).toEqual([{ delivered: true, seen: true, delivery: 'sent', last_error: null }]);
    const [failed] = await stored(second.messageId!);
    expect(failed).toMatchObject({ delivery: 'failed' });
    expect(failed.last_error).toContain('131026 Message undeliverable');
    expect(failed.last_error).not.toContain(DETRACTOR);
  });

  it("records the statuses Meta sends before its answer to the send, once the send is recorded", async () => {
    const waId = CUSTOMERS[6];
    const question = await fake().whileAnswersHeld(async () => {
      await send(msg.text(waId, nextId(), '/start kyiv-central'));
      const question = await sentTo(waId, 1);
      const raw = whatsappWebhook({ statuses: [whatsappStatus(question.messageId!, 'delivered', waId), whatsappStatus(question.messageId!, 'read', waId)] });
      expect((await post(raw)).status).toBe(200);
      // Delivered again while still unmatched: held once.
      expect((await post(raw)).status).toBe(200);
      return question;
    });
    const stored = await waitFor(async () => {
      const [row] = await db.query<{ delivered: boolean; seen: boolean; delivery: string }[]>(
        `SELECT delivered_at IS NOT NULL AS delivered, seen_at IS NOT NULL AS seen, delivery FROM message WHERE platform_message_id = $1`,
        [question.messageId],
      );
      return row?.seen ? row : undefined;
    }, 20_000);
    expect(stored).toEqual({ delivered: true, seen: true, delivery: 'sent' });
    expect(await count(`SELECT count(*)::int AS n FROM early_receipt`)).toBe(0);
  });

  it('waits out the throughput limit and sends the message after it', async () => {
    await settled();
    const waId = CUSTOMERS[4];
    fake().failNext(WHATSAPP_FAILURES.throughput(1));
    await send(msg.text(waId, nextId(), '/start'));
    const delivered = await sentTo(waId, 1);
    const attempts = fake().calls.filter((c) => c.to === waId);
    expect(attempts.map((c) => c.status)).toEqual([400, 200]);
    expect(delivered.at - attempts[0].at).toBeGreaterThanOrEqual(900);
  });

  it("opens a contact's survey from the invitation template's quick reply carrying the survey link token", async () => {
    await createPolicy(t.url, { name: 'WhatsApp calls', serviceTypes: ['wa-call'] });
    const waId = CUSTOMERS[5];
    const reported = await apiCall(t.url, '/api/v1/contacts', {
      method: 'POST',
      body: { externalId: 'wa-link-1', customer: { phone: `+${waId}`, locale: 'en' }, agent: 'olena.k', serviceType: 'wa-call', occurredAt: new Date().toISOString() },
    });
    expect(reported.status).toBe(201);
    const { id: contactId, customerId } = (await reported.json()) as { id: string; customerId: string };
    const token = LINK.exec((await waitFor(() => twilio.sent(`+${waId}`)[0], 10_000)).text)![1];
    await send(msg.templateReply(waId, nextId(), token, 'Start'));
    const question = await sentTo(waId, 1);
    expect(question.text).toContain('recommend');
    await send(msg.text(waId, nextId(), '9'));
    const npsOf = () => db.query<{ channel: string; customer_id: string; score: number }[]>(`SELECT channel, customer_id, score FROM answer WHERE conversation_id = (SELECT conversation_id FROM contact WHERE id = $1) AND question_code = 'nps'`, [contactId]);
    await waitFor(async () => ((await npsOf()).length ? true : undefined), 20_000);
    expect(await npsOf()).toEqual([{ channel: 'whatsapp', customer_id: customerId, score: 9 }]);
    // The number joined the contact's customer, known by its blind index.
    expect(await db.query(`SELECT customer_id FROM customer_identity WHERE channel = 'whatsapp' AND address = $1`, [addressOf(waId)])).toEqual([{ customer_id: customerId }]);
  });

  it("keeps no customer's number in the clear in any table or log line: addresses are blind indexes, the number travels sealed", async () => {
    await settled();
    const identities = await db.query<{ address: string; reference: { to: string } }[]>(`SELECT address, reference FROM customer_identity WHERE channel = 'whatsapp'`);
    expect(identities.length).toBeGreaterThanOrEqual(4);
    for (const identity of identities) {
      expect(identity.address).toMatch(/^[0-9a-f]{64}$/);
      expect(CUSTOMERS.map(addressOf)).toContain(identity.address);
      expect(CUSTOMERS).toContain(t.app.get(PiiCipher).open(Buffer.from(identity.reference.to, 'base64')));
    }
    const numbers = CUSTOMERS.map((waId) => ({ label: waId, forms: phoneForms(`+${waId}`) }));
    const scan = await scanDatabase(db, numbers);
    expect(scan.hits).toEqual([]);
    expect(scan.tables).toBeGreaterThan(10);
    // Nor in the logs: the registration hint, the sends, the statuses name no number.
    expect(findSecrets(t.logs.text(), numbers)).toEqual([]);
  });

  it('holds a status of a message another application sent from the number for a while, then drops it', async () => {
    const stranger = 'wamid.HBgMOTHERAPP0000000001';
    expect((await post(whatsappWebhook({ statuses: [whatsappStatus(stranger, 'delivered', DETRACTOR)] }))).status).toBe(200);
    expect(await db.query(`SELECT kind, source, status FROM early_receipt WHERE message_id = $1`, [stranger])).toEqual([{ kind: 'channel', source: 'whatsapp', status: 'delivered' }]);
    clock.advance(11);
    await waitFor(async () => ((await count(`SELECT count(*)::int AS n FROM early_receipt`)) === 0 ? true : undefined), 10_000);
  });
});
