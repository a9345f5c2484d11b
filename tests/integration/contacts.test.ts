import { DataSource } from 'typeorm';
import { seededRandom } from '@turbota/common';
import { PiiCipher } from '@turbota/privacy';
import { InvitationWorker } from '@turbota/triggers';
import type { ContactDecision } from '../support/contact-decision';
import { telegramUpdate } from '../support/telegram-fixtures';
import type { BotApiCall } from '../support/fake-telegram';
import { ManualClock } from '../support/manual-clock';
import { apiCall, type ApiCallInit, startTestApp, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { postTelegramUpdate } from '../support/webhooks';
import { type Platforms, startPlatforms } from '../support/platforms';

const TOKEN = '7000000002:AAHcontacts-token';
const SECRET = 'contacts-webhook-secret';
const VIBER_TOKEN = '4dafb7e0f40021e6-1a47a1e6778d187f-2c5a676a07050b3a';
const SEED = 20_261_123;
// 12:00 in Kyiv: outside the default policy's quiet hours (21:00-09:00 Europe/Kyiv).
const NOON_KYIV = '2026-11-23T10:00:00.000Z';

interface InlineMarkup {
  inline_keyboard: { text: string; callback_data: string }[][];
}

const PLATFORMS = { telegram: { token: TOKEN, secret: SECRET }, viber: { authToken: VIBER_TOKEN } };

describe(`post-contact triggers (${databaseKind})`, () => {
  const clock = new ManualClock(NOON_KYIV);
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let db: DataSource;
  let poolId: string;
  let integrationKey: string;
  let updateId = 70_000;
  let externalId = 0;

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    t = await startTestApp({
      env: platforms.env,
      clock,
      random: seededRandom(SEED),
    });
    db = t.app.get(DataSource);
    const pools = (await (await call('/api/v1/question-pools')).json()) as { id: string; name: string }[];
    poolId = pools.find((p) => p.name === 'Post-contact')!.id;
    const key = await call('/api/v1/api-keys', { method: 'POST', body: { name: 'CRM', role: 'integration' } });
    integrationKey = ((await key.json()) as { key: string }).key;
  });
  afterAll(async () => {
    await t.close();
    await platforms.close();
  });

  const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);
  function contact(customer: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    return { externalId: `call-${++externalId}`, customer: { locale: 'en', ...customer }, occurredAt: clock.now().toISOString(), ...extra };
  }
  async function report(body: unknown): Promise<ContactDecision> {
    const res = await call('/api/v1/contacts', { method: 'POST', body, key: integrationKey });
    expect(res.status).toBe(201);
    return (await res.json()) as ContactDecision;
  }
  async function policy(body: Record<string, unknown>): Promise<void> {
    const res = await call('/api/v1/survey-policies', { method: 'POST', body: { integralMetric: 'nps', poolId, reasonQuestion: 'reason', ...body } });
    expect(res.status).toBe(201);
  }
  const webhook = (body: unknown) => postTelegramUpdate(t.url, body, { secret: SECRET });
  const sentTo = (chat: number, n = 1) => waitFor(() => platforms.telegram.delivered('sendMessage', String(chat))[n - 1]);
  const tap = async (message: BotApiCall, chat: number, label: string) => {
    const button = (message.params.reply_markup as InlineMarkup).inline_keyboard.flat().find((b) => b.text === label)!;
    const tapped = { message_id: message.result!.message_id as number, text: message.params.text as string, reply_markup: message.params.reply_markup };
    expect((await webhook(telegramUpdate('callback-query', { updateId: ++updateId, chatId: chat, data: button.callback_data, tapped }))).status).toBe(200);
  };
  const stop = async (chat: number) => expect((await webhook(telegramUpdate('message-text', { updateId: ++updateId, chatId: chat, text: '/stop' }))).status).toBe(200);
  const row = async <T>(sql: string, params: unknown[]) => (await db.query<T[]>(sql, params))[0];
  const followUps = () => t.app.get(InvitationWorker).tick();

  it('invites a customer on Telegram at once, and every answer carries the contact\'s attributes', async () => {
    const chat = 3_000_001;
    const decision = await report(
      contact({ channel: 'telegram', address: String(chat), name: 'Olena', phone: '+380 67 123 45 67' }, { agent: 'ivan.p', serviceType: 'card', pointOfService: 'kyiv-central' }),
    );
    expect(decision).toMatchObject({ decision: 'invited', reason: null, message: 'The customer is invited now on telegram' });
    const nps = await sentTo(chat);
    expect(nps.params.text).toMatch(/Olena[\s\S]*How likely are you to recommend us/);
    await tap(nps, chat, '9');
    await sentTo(chat, 2);
    const answers = await db.query<Record<string, string>[]>(
      `SELECT a.channel, a.locale, a.agent, a.service_type, a.point_of_service, a.score FROM answer a
       JOIN contact c ON c.conversation_id = a.conversation_id WHERE c.id = $1`,
      [decision.id],
    );
    expect(answers).toEqual([{ channel: 'telegram', locale: 'en', agent: 'ivan.p', service_type: 'card', point_of_service: 'kyiv-central', score: 9 }]);
    const stored = await row<{ phone_sealed: Buffer; phone_index: Buffer }>(`SELECT phone_sealed, phone_index FROM contact WHERE id = $1`, [decision.id]);
    const cipher = t.app.get(PiiCipher);
    expect(cipher.open(stored.phone_sealed)).toBe('+380671234567');
    expect(stored.phone_index).toEqual(cipher.blindIndex('+380671234567'));
    expect(t.logs.text()).not.toContain('380671234567');
  });

  it('answers a repeated externalId with the first decision and the same status, deciding nothing again', async () => {
    const body = contact({ channel: 'telegram', address: '3000002' });
    const first = await report(body);
    const again = await Promise.all([report(body), report({ ...body, customer: { channel: 'viber', address: 'someone-else=' } })]);
    expect(again).toEqual([first, first]);
    expect(await row<{ n: number }>(`SELECT count(*)::int AS n FROM contact WHERE external_id = $1`, [body.externalId])).toEqual({ n: 1 });
    expect(await row<{ n: number }>(`SELECT count(*)::int AS n FROM conversation c JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = '3000002'`, [])).toEqual({ n: 1 });
  });

  it('refuses invalid input with 400 naming the field, and keys of other roles with 403', async () => {
    const cases: [unknown, string][] = [
      [{ customer: { channel: 'telegram', address: '1' }, occurredAt: NOON_KYIV }, 'externalId'],
      [contact({ channel: 'telegram', address: '1', phone: '12' }), 'customer.phone'],
      [contact({ channel: 'telegram', address: '1', email: 'not-an-address' }), 'customer.email'],
      [contact({ channel: 'telegram', address: '1', locale: 'de' }), 'customer.locale'],
      [contact({ channel: 'telegram', address: '' }), 'customer.address'],
      [contact({ channel: 'telegram', address: '1' }, { occurredAt: '2026-11-23 10:00' }), 'occurredAt'],
      [contact({ channel: 'telegram', address: '1' }, { occurredAt: '2031-01-01T00:00:00Z' }), 'occurredAt'],
      [contact({ channel: 'telegram', address: '1' }, { colour: 'red' }), '(body)'],
    ];
    for (const [body, field] of cases) {
      const res = await call('/api/v1/contacts', { method: 'POST', body, key: integrationKey });
      expect(res.status).toBe(400);
      const error = (await res.json()) as { message: string; errors: { field: string }[] };
      expect(error.errors.map((e) => e.field)).toEqual([field]);
    }
    const viewer = await call('/api/v1/api-keys', { method: 'POST', body: { name: 'Wall', role: 'viewer' } });
    const forbidden = await call('/api/v1/contacts', { method: 'POST', body: contact({ channel: 'telegram', address: '1' }), key: ((await viewer.json()) as { key: string }).key });
    expect(forbidden.status).toBe(403);
  });

  it('skips a channel that is off, unknown, or cannot carry an invitation', async () => {
    for (const channel of ['slack', 'carrier-pigeon', 'web']) {
      expect(await report(contact({ channel, address: 'U123' }))).toMatchObject({ decision: 'skipped', reason: 'no_channel', customerId: null });
    }
  });

  it('skips a customer within the cool-down, on the same channel and on a channel linked by phone', async () => {
    const first = await report(contact({ channel: 'telegram', address: '3000003', phone: '+380501112233' }));
    const invitedAt = (await row<{ invited_at: Date }>(`SELECT invited_at FROM contact WHERE id = $1`, [first.id])).invited_at;
    clock.advance(60 * 24 * 3);
    const sameChannel = await report(contact({ channel: 'telegram', address: '3000003' }));
    expect(sameChannel).toMatchObject({ decision: 'skipped', reason: 'cool_down', lastSurveyAt: invitedAt.toISOString(), customerId: first.customerId });
    const otherChannel = await report(contact({ channel: 'viber', address: 'viber-linked-1=', phone: '050 111 22 33' }));
    expect(otherChannel).toMatchObject({ decision: 'skipped', reason: 'cool_down', lastSurveyAt: invitedAt.toISOString(), customerId: first.customerId });
    expect(platforms.viber.sent('viber-linked-1=')).toHaveLength(0);
    clock.advance(60 * 24 * 28);
    expect(await report(contact({ channel: 'viber', address: 'viber-linked-1=' }))).toMatchObject({ decision: 'invited', customerId: first.customerId });
    await waitFor(() => platforms.viber.sent('viber-linked-1=')[0]);
  });

  it('merges two customers already known on two channels once a report shows they share an e-mail', async () => {
    const telegramSide = await report(contact({ channel: 'telegram', address: '3000004', email: 'Maria@Example.com' }));
    const viberSide = await report(contact({ channel: 'viber', address: 'viber-linked-2=' }));
    expect(viberSide).toMatchObject({ decision: 'invited' });
    expect(viberSide.customerId).not.toBe(telegramSide.customerId);
    const linked = await report(contact({ channel: 'viber', address: 'viber-linked-2=', email: 'maria@example.com' }));
    expect(linked).toMatchObject({ decision: 'skipped', reason: 'cool_down', customerId: telegramSide.customerId });
    const owners = await db.query<{ customer_id: string }[]>(
      `SELECT DISTINCT c.customer_id FROM conversation c JOIN customer_identity i ON i.id = c.identity_id WHERE i.address IN ('3000004', 'viber-linked-2=')`,
    );
    expect(owners).toEqual([{ customer_id: telegramSide.customerId }]);
    expect(await row(`SELECT id FROM customer WHERE id = $1`, [viberSide.customerId])).toBeUndefined();
  });

  it('honours an opt-out given on one channel when a contact comes on another', async () => {
    const chat = 3_000_005;
    await report(contact({ channel: 'telegram', address: String(chat), email: 'taras@example.com' }));
    await sentTo(chat);
    await stop(chat);
    await waitFor(async () => (await row<{ opted_out_at: Date | null }>(`SELECT opted_out_at FROM customer c JOIN customer_identity i ON i.customer_id = c.id WHERE i.address = $1`, [String(chat)]))?.opted_out_at ?? undefined);
    clock.advance(60 * 24 * 31);
    expect(await report(contact({ channel: 'viber', address: 'viber-stopped=', email: 'taras@example.com' }))).toMatchObject({ decision: 'skipped', reason: 'opted_out' });
    expect(await report(contact({ channel: 'telegram', address: String(chat) }))).toMatchObject({ decision: 'skipped', reason: 'opted_out' });
  });

  it('skips an address the platform refused for good', async () => {
    const chat = 3_000_006;
    platforms.telegram.blocked.add(String(chat));
    expect(await report(contact({ channel: 'telegram', address: String(chat) }))).toMatchObject({ decision: 'invited' });
    await waitFor(async () => (await row<{ unreachable_at: Date | null }>(`SELECT unreachable_at FROM customer_identity WHERE address = $1`, [String(chat)]))?.unreachable_at ?? undefined);
    clock.advance(60 * 24 * 31);
    expect(await report(contact({ channel: 'telegram', address: String(chat) }))).toMatchObject({ decision: 'skipped', reason: 'unreachable' });
  });

  it('samples contacts at the policy\'s rate, reproducibly from the seeded source', async () => {
    await policy({ name: 'Half of the loans', serviceTypes: ['loan'], samplingRate: 0.5, cooldownDays: 0, quietHours: null });
    // Only this policy's contacts draw from the source, in the order they are reported.
    const draws = seededRandom(SEED);
    const expected = Array.from({ length: 16 }, () => (draws() < 0.5 ? 'invited' : 'skipped'));
    const decisions: string[] = [];
    for (let i = 0; i < 16; i++) decisions.push((await report(contact({ channel: 'viber', address: `viber-sample-${i}=` }, { serviceType: 'loan' }))).decision);
    expect(decisions).toEqual(expected);
    expect(new Set(decisions)).toEqual(new Set(['invited', 'skipped']));
    await policy({ name: 'No deposits', serviceTypes: ['deposit'], samplingRate: 0 });
    expect(await report(contact({ channel: 'viber', address: 'viber-sample-x=' }, { serviceType: 'deposit' }))).toMatchObject({ decision: 'skipped', reason: 'sampled_out' });
  });

  it('schedules a contact in the quiet hours for their end in the policy\'s time zone, and sends it then, once', async () => {
    await policy({ name: 'New York calls', serviceTypes: ['ny'], quietHours: { start: '21:00', end: '09:00', timeZone: 'America/New_York' } });
    clock.set('2027-06-01T18:30:00Z'); // 21:30 in Kyiv (summer time), 14:30 in New York
    const night = contact({ channel: 'telegram', address: '3000010' });
    const scheduled = await report(night);
    expect(scheduled).toMatchObject({ decision: 'scheduled', reason: null, scheduledFor: '2027-06-02T06:00:00.000Z' });
    expect(await report(night)).toEqual(scheduled);
    expect(await report(contact({ channel: 'telegram', address: '3000010' }))).toMatchObject({ reason: 'cool_down', lastSurveyAt: '2027-06-02T06:00:00.000Z' });
    expect(await report(contact({ channel: 'viber', address: 'viber-new-york=' }, { serviceType: 'ny' }))).toMatchObject({ decision: 'invited' });
    // Another invitee says /stop before the morning: their invitation never goes.
    const leaving = await report(contact({ channel: 'telegram', address: '3000011' }));
    expect(leaving).toMatchObject({ decision: 'scheduled' });
    await stop(3_000_011);

    clock.set('2027-06-02T05:59:00Z');
    await followUps();
    expect(platforms.telegram.delivered('sendMessage', '3000010')).toHaveLength(0);
    clock.set('2027-06-02T06:00:00Z');
    await Promise.all([followUps(), followUps()]);
    await sentTo(3_000_010);
    const sent = (await (await call(`/api/v1/contacts/${scheduled.id}`)).json()) as Record<string, unknown>;
    expect(sent).toMatchObject({ decision: 'scheduled', scheduledFor: '2027-06-02T06:00:00.000Z', cancelledAt: null });
    expect(Date.parse(sent.invitedAt as string)).toBeGreaterThanOrEqual(Date.parse('2027-06-02T06:00:00Z'));
    expect(await (await call(`/api/v1/contacts/${leaving.id}`)).json()).toMatchObject({ invitedAt: null, cancelReason: 'opted_out' });
    await followUps();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(platforms.telegram.delivered('sendMessage', '3000010')).toHaveLength(1);
    expect(await row<{ n: number }>(`SELECT count(*)::int AS n FROM conversation c JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = '3000010'`, [])).toEqual({ n: 1 });
  });

  it('reminds a silent invitee once, then marks them a non-responder at the answer timeout; one who answered is neither', async () => {
    await policy({ name: 'Reminded', serviceTypes: ['reminded'], answerTimeoutMinutes: 60, reminderAfterMinutes: 30, quietHours: null, cooldownDays: 0 });
    clock.set('2027-06-03T10:00:00Z');
    const [silentChat, answeringChat] = [3_000_020, 3_000_021];
    const silent = await report(contact({ channel: 'telegram', address: String(silentChat) }, { serviceType: 'reminded' }));
    const answering = await report(contact({ channel: 'telegram', address: String(answeringChat) }, { serviceType: 'reminded' }));
    await tap(await sentTo(answeringChat), answeringChat, '10');
    await waitFor(async () => (await row(`SELECT 1 FROM answer a JOIN contact c ON c.conversation_id = a.conversation_id WHERE c.id = $1`, [answering.id])) ?? undefined);
    const first = await sentTo(silentChat);

    clock.advance(29);
    await followUps();
    clock.advance(1);
    await Promise.all([followUps(), followUps()]);
    const reminder = await sentTo(silentChat, 2);
    expect(reminder.params.text).toMatch(/^(A gentle reminder|Have a moment)[\s\S]*How likely are you to recommend us/);
    expect(reminder.params.reply_markup).toEqual(first.params.reply_markup);
    expect(await (await call(`/api/v1/contacts/${answering.id}`)).json()).toMatchObject({ remindedAt: null });

    clock.advance(29);
    await followUps();
    expect(await (await call(`/api/v1/contacts/${silent.id}`)).json()).toMatchObject({ nonResponderAt: null });
    clock.advance(1);
    await Promise.all([followUps(), followUps()]);
    const marked = (await (await call(`/api/v1/contacts/${silent.id}`)).json()) as { nonResponderAt: string; remindedAt: string; conversationId: string };
    expect(Date.parse(marked.nonResponderAt)).toBeGreaterThanOrEqual(Date.parse('2027-06-03T11:00:00Z'));
    expect(Date.parse(marked.remindedAt)).toBeGreaterThanOrEqual(Date.parse('2027-06-03T10:30:00Z'));
    expect(await row(`SELECT status FROM conversation WHERE id = $1`, [marked.conversationId])).toEqual({ status: 'expired' });
    expect(await (await call(`/api/v1/contacts/${answering.id}`)).json()).toMatchObject({ nonResponderAt: null });

    clock.advance(60);
    await followUps();
    expect(await (await call(`/api/v1/contacts/${silent.id}`)).json()).toMatchObject({ nonResponderAt: marked.nonResponderAt });
    expect(platforms.telegram.delivered('sendMessage', String(silentChat))).toHaveLength(2);
  });

  it('erases a customer\'s personal data everywhere while their answers stay, anonymised', async () => {
    clock.set('2027-07-01T10:00:00Z');
    const chat = 3_000_030;
    const reported = await report(contact({ channel: 'telegram', address: String(chat), name: 'Oksana', phone: '+380931234567', email: 'oksana@example.com' }));
    await tap(await sentTo(chat), chat, '2');
    await tap(await sentTo(chat, 2), chat, 'I waited too long');
    await sentTo(chat, 3);
    expect((await webhook(telegramUpdate('message-contact', { updateId: ++updateId, chatId: chat }))).status).toBe(200);
    await sentTo(chat, 4);
    const conversationId = ((await (await call(`/api/v1/contacts/${reported.id}`)).json()) as { conversationId: string }).conversationId;
    const responses = async () => ((await (await call(`/api/v1/responses?conversationId=${conversationId}`)).json()) as { items: Record<string, unknown>[] }).items;
    const before = await responses();
    expect(before.map((a) => a.questionCode).sort()).toEqual(['nps', 'reason']);
    expect(await row(`SELECT count(*)::int AS n FROM complaint WHERE customer_id = $1 AND phone_sealed IS NOT NULL`, [reported.customerId])).toEqual({ n: 1 });

    expect((await call(`/api/v1/customers/${reported.customerId}`, { method: 'DELETE', key: integrationKey })).status).toBe(403);
    expect((await call(`/api/v1/customers/${reported.customerId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`/api/v1/customers/${reported.customerId}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call('/api/v1/customers/7d3c1c9e-2f4b-4f55-9a55-0c6f0e0b9a11', { method: 'DELETE' })).status).toBe(404);

    expect(await responses()).toEqual(before);
    expect(await row(`SELECT count(*)::int AS n FROM answer WHERE conversation_id = $1 AND customer_id IS NULL`, [conversationId])).toEqual({ n: 2 });
    expect(await row(`SELECT name_sealed, erased_at IS NOT NULL AS erased FROM customer WHERE id = $1`, [reported.customerId])).toEqual({ name_sealed: null, erased: true });
    expect(await row(`SELECT count(*)::int AS n FROM customer_identity WHERE address = $1`, [String(chat)])).toEqual({ n: 0 });
    expect(await row(`SELECT count(*)::int AS n FROM complaint WHERE conversation_id = $1 AND customer_id IS NULL AND phone_sealed IS NULL AND phone_index IS NULL`, [conversationId])).toEqual({ n: 1 });
    expect(await row(`SELECT customer_id, identity_id, phone_sealed, email_sealed, phone_index, email_index FROM contact WHERE id = $1`, [reported.id])).toEqual({
      customer_id: null, identity_id: null, phone_sealed: null, email_sealed: null, phone_index: null, email_index: null,
    });
    const transcript = await db.query<{ body: { text: string } }[]>(`SELECT body FROM message WHERE conversation_id = $1`, [conversationId]);
    expect(transcript.length).toBeGreaterThan(5);
    expect(transcript.every((m) => m.body.text === '(erased)')).toBe(true);
    expect(await row(`SELECT count(*)::int AS n FROM conversation_input WHERE conversation_id = $1`, [conversationId])).toEqual({ n: 0 });
    // The incident the complaint made keeps no contact, and its Slack message is to be drawn again.
    const incident = await row(`SELECT i.id, i.text, i.customer_id FROM incident i JOIN complaint c ON c.id = i.complaint_id WHERE c.conversation_id = $1`, [conversationId]);
    expect(incident).toMatchObject({ text: null, customer_id: null });
    expect(await row(`SELECT count(*)::int AS n FROM staff_notice WHERE incident_id = $1 AND kind = 'incident_changed' AND status = 'pending'`, [(incident as { id: string }).id])).toEqual({ n: 2 });
    // Nothing links the person any more: the same chat is a new customer, and their phone matches no one.
    const again = await report(contact({ channel: 'telegram', address: String(chat), phone: '+380931234567' }));
    expect(again.customerId).not.toBe(reported.customerId);
    expect(t.logs.text()).not.toMatch(/Oksana|380931234567|oksana@example/);
  });
});
