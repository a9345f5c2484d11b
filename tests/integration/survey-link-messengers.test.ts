import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { type Locale, projectPath } from '@turbota/common';
import type { DialogueTexts } from '@turbota/dialogue';
import { ChatClient } from '../support/chat-client';
import type { BotApiCall } from '../support/fake-telegram';
import { messengerEvent, messengerWebhook } from '../support/messenger-fixtures';
import { FakeTwilio } from '../support/fake-twilio';
import { type Platforms, startPlatforms } from '../support/platforms';
import { telegramUpdate } from '../support/telegram-fixtures';
import { apiCall, type ApiCallInit, startTestApp, type TestApp } from '../support/test-app';
import { createPolicy } from '../support/survey-policies';
import { databaseKind } from '../support/test-database';
import { viberCallback } from '../support/viber-fixtures';
import { waitFor } from '../support/wait-for';
import { postMessengerEvent, postTelegramUpdate, postViberCallback } from '../support/webhooks';

jest.setTimeout(60_000);

const PUBLIC_URL = 'https://feedback.example.com';
const SID = `AC${'6'.repeat(32)}`;
const AUTH_TOKEN = 'twilio-auth-token-for-link-tests';
const LINK = /\/chat\/s\/(sv_[A-Za-z0-9_-]{24})/;
const TELEGRAM_SECRET = 'survey-link-secret_1';
const VIBER_TOKEN = '4453b6ac12345678-e02c5f12174805f9-daec9cbb5448c51f';
const MESSENGER_SECRET = 'survey-links-app-secret';
const PLATFORMS = {
  telegram: { token: '7000000003:AAHsurvey-links', secret: TELEGRAM_SECRET },
  viber: { authToken: VIBER_TOKEN },
  messenger: { pageToken: 'survey-links-page-token', appSecret: MESSENGER_SECRET, verifyToken: 'survey-links-verify' },
};
const TEXTS = JSON.parse(readFileSync(projectPath('config/dialogue-texts.json'), 'utf8')) as Record<Locale, DialogueTexts>;

interface Markup {
  inline_keyboard?: { text: string; callback_data: string }[][];
}

/**
 * A caller invited by SMS may answer in a messenger instead: the link's token rides in a
 * Telegram deep link's `/start` or a Viber deep link's context, and the contact's survey opens
 * there, counting for the contact. One survey per contact, wherever it is opened first.
 */
describe(`personal survey links opened in Telegram and Viber (${databaseKind})`, () => {
  let twilio: FakeTwilio;
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let db: DataSource;
  let n = 0;
  let updateId = 80_000;

  beforeAll(async () => {
    [twilio, platforms] = await Promise.all([FakeTwilio.start(SID, AUTH_TOKEN), startPlatforms(PLATFORMS)]);
    const sms = { PUBLIC_URL, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: '+15005550006', TWILIO_API_URL: twilio.url };
    t = await startTestApp({ env: { ...platforms.env, ...sms } });
    db = t.app.get(DataSource);
    await createPolicy(t.url, { name: 'Cards', serviceTypes: ['card-issue'] });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([twilio?.close(), platforms?.close()]);
  });

  const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);

  /** A call reported with a phone only; answers the contact and the token of the link its SMS carried. */
  async function invite(phone: string, locale: Locale = 'en'): Promise<{ contactId: string; customerId: string; token: string }> {
    const body = { externalId: `link-call-${++n}`, customer: { phone, locale }, agent: 'olena.k', serviceType: 'card-issue', occurredAt: new Date().toISOString() };
    const res = await call('/api/v1/contacts', { method: 'POST', body });
    expect(res.status).toBe(201);
    const decision = (await res.json()) as { id: string; decision: string; customerId: string };
    expect(decision.decision).toBe('invited');
    const text = await waitFor(() => twilio.sent(phone.replace(/\s/g, ''))[0], 10_000);
    return { contactId: decision.id, customerId: decision.customerId, token: LINK.exec(text.text)![1] };
  }

  async function telegramSays(chat: number, text: string, update = ++updateId): Promise<void> {
    const res = await postTelegramUpdate(t.url, telegramUpdate('message-start', { updateId: update, chatId: chat, text, languageCode: 'ru' }), { secret: TELEGRAM_SECRET });
    expect(res.status).toBe(200);
  }
  const telegramSent = (chat: number) => platforms.telegram.delivered('sendMessage', String(chat));
  const telegramMessage = (chat: number, nth: number) => waitFor(() => telegramSent(chat)[nth - 1], 20_000);
  async function tapScore(chat: number, message: BotApiCall, score: number): Promise<void> {
    const button = ((message.params.reply_markup as Markup).inline_keyboard ?? []).flat().find((b) => b.text === String(score))!;
    const tapped = { message_id: message.result!.message_id as number, text: message.params.text as string, reply_markup: message.params.reply_markup };
    const update = telegramUpdate('callback-query', { updateId: ++updateId, chatId: chat, data: button.callback_data, tapped });
    expect((await postTelegramUpdate(t.url, update, { secret: TELEGRAM_SECRET })).status).toBe(200);
  }

  async function viberSays(fixture: 'conversation-started' | 'message-text', user: string, options: { text?: string; context?: string } = {}): Promise<Record<string, unknown>> {
    const raw = viberCallback(fixture, { token: String(++updateId), userId: user, language: 'uk', ...options });
    const res = await postViberCallback(t.url, raw, { token: VIBER_TOKEN });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  const answersOf = (contactId: string) =>
    db.query<Record<string, unknown>[]>(
      `SELECT channel, agent, service_type, customer_id, score FROM answer WHERE conversation_id = (SELECT conversation_id FROM contact WHERE id = $1) AND question_code = 'nps'`,
      [contactId],
    );
  const linkOf = async (contactId: string) =>
    (await db.query<{ opened_on: string | null; conversation_id: string | null }[]>(`SELECT opened_on, conversation_id FROM survey_link WHERE contact_id = $1`, [contactId]))[0];

  it("opens the caller's survey in Telegram from the deep link, in the contact's language, counting for the contact", async () => {
    const { contactId, customerId, token } = await invite('+380 67 200 00 01');
    const chat = 2_100_001;
    await telegramSays(chat, `/start ${token}`);
    const question = await telegramMessage(chat, 1);
    // The contact's language (English), not the messenger's (Russian): the invitation spoke it.
    expect(question.params.text).toContain('recommend');
    await tapScore(chat, question, 9);
    await waitFor(async () => ((await answersOf(contactId)).length ? true : undefined));
    expect(await answersOf(contactId)).toEqual([{ channel: 'telegram', agent: 'olena.k', service_type: 'card-issue', customer_id: customerId, score: 9 }]);
    expect(await linkOf(contactId)).toMatchObject({ opened_on: 'telegram' });
    // The chat joined the contact's customer; the token is kept nowhere but as the link's hash.
    expect(await db.query(`SELECT customer_id FROM customer_identity WHERE channel = 'telegram' AND address = $1`, [String(chat)])).toEqual([{ customer_id: customerId }]);
    expect(await db.query(`SELECT count(*)::int AS n FROM conversation_input WHERE input::text LIKE $1`, [`%${token}%`])).toEqual([{ n: 0 }]);
    expect(await db.query(`SELECT count(*)::int AS n FROM message WHERE body::text LIKE $1`, [`%${token}%`])).toEqual([{ n: 0 }]);
  });

  it('says a re-delivered deep link once, asks an open survey again, and tells an answered one it is answered', async () => {
    const { contactId, token } = await invite('+380 67 200 00 02');
    const chat = 2_100_002;
    const first = ++updateId;
    await telegramSays(chat, `/start ${token}`, first);
    const question = await telegramMessage(chat, 1);
    // Telegram delivers the same update again: nothing new is said.
    await telegramSays(chat, `/start ${token}`, first);
    // The link tapped again while the survey is open: the open question once more.
    await telegramSays(chat, `/start ${token}`);
    const again = await telegramMessage(chat, 2);
    // The same question, without the greeting (by the name Telegram gave, the contact having none).
    expect(question.params.text).toContain('Olena');
    expect(again.params.text).not.toContain('Olena');
    expect(question.params.text).toContain(again.params.text);
    await tapScore(chat, again, 10);
    await waitFor(async () => ((await answersOf(contactId)).length ? true : undefined));
    // What the answer brought is sent before the count is taken; the rest of the survey is skipped.
    const pending = () => db.query<unknown[]>(`SELECT 1 FROM message WHERE identity_id = (SELECT id FROM customer_identity WHERE address = $1) AND delivery = 'pending'`, [String(chat)]);
    await waitFor(async () => ((await pending()).length === 0 ? true : undefined));
    const said = telegramSent(chat).length;
    await db.query(`UPDATE conversation SET status = 'completed', ended_at = now() WHERE id = (SELECT conversation_id FROM contact WHERE id = $1)`, [contactId]);
    await telegramSays(chat, `/start ${token}`);
    const answered = await telegramMessage(chat, said + 1);
    expect(answered.params.text).toBe(TEXTS.en.surveyAnswered);
    expect(telegramSent(chat)).toHaveLength(said + 1);
  });

  it('opens one survey per contact: a link opened in the web chat is told so in Telegram, and the other way round', async () => {
    const web = await invite('+380 67 200 00 03');
    const chat = new ChatClient(t.url);
    await chat.open({ locale: 'en', link: web.token });
    await telegramSays(2_100_003, `/start ${web.token}`);
    expect((await telegramMessage(2_100_003, 1)).params.text).toBe(TEXTS.en.linkUsed);
    // The customer may still write: the notice sits in a conversation of its own, not the contact's.
    expect(await db.query(`SELECT kind, contact.id IS NULL AS unlinked FROM conversation LEFT JOIN contact ON contact.conversation_id = conversation.id WHERE conversation.channel = 'telegram' AND conversation.identity_id = (SELECT id FROM customer_identity WHERE address = '2100003')`)).toEqual([
      { kind: 'feedback', unlinked: true },
    ]);

    const telegram = await invite('+380 67 200 00 04');
    await telegramSays(2_100_004, `/start ${telegram.token}`);
    await telegramMessage(2_100_004, 1);
    expect((await new ChatClient(t.url).openRaw({ locale: 'en', link: telegram.token })).status).toBe(410);
    expect(await linkOf(telegram.contactId)).toMatchObject({ opened_on: 'telegram' });
  });

  it('gives one of two chats opening a link at once the survey, and the other the notice', async () => {
    const { contactId, token } = await invite('+380 67 200 00 05');
    await Promise.all([telegramSays(2_100_005, `/start ${token}`), telegramSays(2_100_006, `/start ${token}`)]);
    const [a, b] = await Promise.all([telegramMessage(2_100_005, 1), telegramMessage(2_100_006, 1)]);
    const texts = [a.params.text, b.params.text];
    expect(texts.filter((text) => text === TEXTS.en.linkUsed)).toHaveLength(1);
    expect(await db.query(`SELECT count(*)::int AS n FROM conversation WHERE id = (SELECT conversation_id FROM contact WHERE id = $1)`, [contactId])).toEqual([{ n: 1 }]);
  });

  it('tells a link past its time that the survey has ended, and gives an unknown token the usual survey', async () => {
    const { contactId, token } = await invite('+380 67 200 00 07');
    await db.query(`UPDATE survey_link SET expires_at = now() - interval '1 minute' WHERE contact_id = $1`, [contactId]);
    await telegramSays(2_100_007, `/start ${token}`);
    expect((await telegramMessage(2_100_007, 1)).params.text).toBe(TEXTS.en.linkEnded);
    expect(await linkOf(contactId)).toEqual({ opened_on: null, conversation_id: null });

    await telegramSays(2_100_008, `/start sv_${'A'.repeat(24)}`);
    const usual = await telegramMessage(2_100_008, 1);
    expect(usual.params.reply_markup).toBeDefined();
    expect(await db.query(`SELECT agent, service_type FROM conversation WHERE identity_id = (SELECT id FROM customer_identity WHERE address = '2100008')`)).toEqual([
      { agent: null, service_type: null },
    ]);
  });

  it("opens the caller's survey in Viber: the deep link's context rides on the welcome's button", async () => {
    const { contactId, customerId, token } = await invite('+380 67 200 00 09', 'uk');
    const user = 'viber-link-1=';
    const welcome = await viberSays('conversation-started', user, { context: token });
    const [button] = (welcome.keyboard as { Buttons: { ActionBody: string }[] }).Buttons;
    expect(button.ActionBody).toBe(`/start ${token}`);
    await viberSays('message-text', user, { text: button.ActionBody });
    const question = await waitFor(() => platforms.viber.sent(user)[0], 20_000);
    expect(question.body.keyboard).toBeDefined();
    await viberSays('message-text', user, { text: 's:7' });
    await waitFor(async () => ((await answersOf(contactId)).length ? true : undefined));
    expect(await answersOf(contactId)).toEqual([{ channel: 'viber', agent: 'olena.k', service_type: 'card-issue', customer_id: customerId, score: 7 }]);
    expect(await linkOf(contactId)).toMatchObject({ opened_on: 'viber' });
  });

  it("opens the caller's survey in Messenger from the m.me link: its ref comes with Get Started", async () => {
    const { contactId, customerId, token } = await invite('+380 67 200 00 10');
    const psid = '6100000000000001';
    const send = async (event: object) => expect((await postMessengerEvent(t.url, messengerWebhook(event), { appSecret: MESSENGER_SECRET })).status).toBe(200);
    await send(messengerEvent.postback(psid, '/start', { mid: 'm_link_1', ref: token }));
    const question = await waitFor(() => platforms.messenger.sent(psid)[0], 20_000);
    const replies = question.message?.quick_replies ?? [];
    const seven = replies.find((r) => r.title === '7')!;
    await send(messengerEvent.quickReply(psid, 'm_link_2', seven.payload!, '7'));
    await waitFor(async () => ((await answersOf(contactId)).length ? true : undefined));
    expect(await answersOf(contactId)).toEqual([{ channel: 'messenger', agent: 'olena.k', service_type: 'card-issue', customer_id: customerId, score: 7 }]);
    expect(await linkOf(contactId)).toMatchObject({ opened_on: 'messenger' });
  });
});
