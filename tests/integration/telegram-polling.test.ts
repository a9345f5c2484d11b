import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { type Locale, projectPath } from '@turbota/common';
import type { DialogueTexts } from '@turbota/dialogue';
import type { DatabaseHandle } from '@turbota/persistence';
import { SENDER_LEASE_MS } from '../../apps/bot/src/outbox/sender-leases';
import { telegramUpdate, type TelegramFixture } from '../support/telegram-fixtures';
import { type BotApiCall, FakeTelegram } from '../support/fake-telegram';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait-for';

jest.setTimeout(90_000);

const TOKEN = '7000000023:AAHlong-polling';
const EN = (JSON.parse(readFileSync(projectPath('config/dialogue-texts.json'), 'utf8')) as Record<Locale, DialogueTexts>).en;
const WEBHOOK_CONFLICT = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

interface InlineMarkup {
  inline_keyboard?: { text: string; callback_data: string }[][];
}

describe(`Telegram by long polling, without a public address (${databaseKind})`, () => {
  let fake: FakeTelegram;
  let database: DatabaseHandle;
  let proxy: TcpProxy;
  let proxiedUrl: string;
  let t: TestApp;
  const apps = new Set<TestApp>();
  let updateId = 230_000;
  const backlogChat = 23_000_000;

  const start = async () => {
    const app = await startTestApp({
      database: { ...database, url: proxiedUrl },
      env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, TELEGRAM_MODE: 'polling' },
      retryRandom: () => 0.5,
    });
    apps.add(app);
    return app;
  };

  beforeAll(async () => {
    fake = await FakeTelegram.start(TOKEN);
    // Left from the days of webhook mode, with a customer's /start waiting behind it.
    fake.webhook = 'https://old.example.com/webhooks/telegram';
    fake.push(telegramUpdate('message-start', { updateId: ++updateId, chatId: backlogChat }));
    database = await openTestDatabase();
    ({ proxy, url: proxiedUrl } = await TcpProxy.inFrontOf(database.url));
    t = await start();
  });
  afterAll(async () => {
    for (const app of apps) await app.close({ closeDatabase: false });
    await proxy.stop();
    await database.close();
    await fake.close();
  });

  const db = () => t.app.get(DataSource);
  const push = (fixture: TelegramFixture, chatId: number, options: Partial<Parameters<typeof telegramUpdate>[1]> = {}) => {
    const update = telegramUpdate(fixture, { updateId: ++updateId, chatId, ...options });
    fake.push(update);
    return updateId;
  };
  const sentMessage = (chatId: number, n: number) => waitFor(() => fake.delivered('sendMessage', String(chatId))[n - 1], 15_000);
  const tap = (message: BotApiCall, chatId: number, label?: string) => {
    const buttons = (message.params.reply_markup as InlineMarkup).inline_keyboard!.flat();
    const button = label === undefined ? buttons[0] : buttons.find((b) => b.text === label)!;
    return push('callback-query', chatId, {
      data: button.callback_data,
      tapped: { message_id: message.result!.message_id as number, text: message.params.text as string, reply_markup: message.params.reply_markup },
    });
  };
  const answeredTaps = () => fake.delivered('answerCallbackQuery');
  const inputsStored = async (id: number) =>
    (await db().query<{ n: number }[]>(`SELECT count(*)::int AS n FROM conversation_input WHERE input_key = $1`, [`tg:${id}`]))[0].n;

  it('deletes the webhook it finds, keeping the updates behind it, and surveys the customer who waited', async () => {
    const deleted = await waitFor(() => fake.delivered('deleteWebhook')[0]);
    expect(deleted.params).toMatchObject({ drop_pending_updates: false });
    expect(fake.webhook).toBeNull();
    expect((await sentMessage(backlogChat, 1)).params.text).toMatch(/How likely are you to recommend us/);
    expect(fake.delivered('getUpdates')[0].params).toMatchObject({ timeout: 30, allowed_updates: ['message', 'callback_query'] });
    expect(fake.calls.filter((c) => c.method === 'setWebhook')).toEqual([]);
  });

  it('runs a whole survey: questions asked, answers stored, every tap answered', async () => {
    const chat = 23_000_001;
    push('message-start', chat);
    const nps = await sentMessage(chat, 1);
    const tapsBefore = answeredTaps().length;
    tap(nps, chat, '2');
    const edit = await waitFor(() => fake.delivered('editMessageText', String(chat))[0]);
    expect(edit.params.text).toMatch(/✓ 2$/);
    const reason = await sentMessage(chat, 2);
    expect(reason.params.text).toMatch(/What exactly went wrong\?$/);
    tap(reason, chat, 'I waited too long');
    await sentMessage(chat, 3);
    push('message-contact', chat);
    expect((await sentMessage(chat, 4)).params.text).toMatch(/Your case number is INC-\d+/);
    for (let n = 5; n <= 6; n++) tap(await sentMessage(chat, n), chat);
    expect((await sentMessage(chat, 7)).params.text).toMatch(/Thanks for your answers|That's all|great help/);

    const answers = await db().query<{ question_code: string }[]>(
      `SELECT a.question_code FROM answer a JOIN conversation c ON c.id = a.conversation_id
       JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = $1 AND i.channel = 'telegram'`,
      [String(chat)],
    );
    expect(answers).toHaveLength(4);
    // Four taps, each answered as the webhook's response would have, without a notice.
    const taps = await waitFor(() => (answeredTaps().length >= tapsBefore + 4 ? answeredTaps().slice(tapsBefore) : undefined));
    expect(taps.map((c) => c.params)).toEqual(Array(4).fill({ callback_query_id: '4382bfdwdsb323b2d9' }));

    // A second tap on the answered score: the quiet notice, nothing else.
    tap(nps, chat, '9');
    const notice = await waitFor(() => answeredTaps().slice(tapsBefore + 4)[0]);
    expect(notice.params).toEqual({ callback_query_id: '4382bfdwdsb323b2d9', text: EN.alreadyAnswered });
    expect(fake.delivered('sendMessage', String(chat))).toHaveLength(7);
  });

  it('reads an update again after it could not be stored, and applies it once', async () => {
    const chat = 23_000_002;
    await proxy.cut();
    let id = 0;
    try {
      id = push('message-start', chat);
      // Handed out, and not stored: the database is away.
      await waitFor(() => (fake.timesHandedOut(id) >= 1 ? true : undefined));
      await waitFor(() => (t.logs.text().includes('Polling Telegram failed') ? true : undefined), 10_000);
      expect(fake.unconfirmed()).toBe(1);
    } finally {
      await proxy.restore();
    }
    expect((await sentMessage(chat, 1)).params.text).toMatch(/How likely are you to recommend us/);
    expect(fake.timesHandedOut(id)).toBeGreaterThanOrEqual(2);
    await waitFor(() => (fake.unconfirmed() === 0 ? true : undefined));
    expect(await inputsStored(id)).toBe(1);
    expect(fake.delivered('sendMessage', String(chat))).toHaveLength(1);
  });

  it('stops polling while it cannot renew its lease, before the lease may pass to another process', async () => {
    await waitFor(() => (fake.openPolls() === 1 ? true : undefined));
    await proxy.cut();
    try {
      // Renewed last before the cut: its lease may pass to another process SENDER_LEASE_MS after that at the latest.
      await waitFor(() => (fake.openPolls() === 0 ? true : undefined), SENDER_LEASE_MS);
    } finally {
      await proxy.restore();
    }
    const chat = 23_000_007;
    push('message-start', chat);
    expect((await sentMessage(chat, 1)).params.text).toMatch(/How likely are you to recommend us/);
  });

  it('passes over an update Telegram would never send, and goes on with the next', async () => {
    const voice = telegramUpdate('message-voice', { updateId: ++updateId, chatId: 23_000_005 });
    delete voice.message.voice.file_id;
    fake.push(voice);
    const chat = 23_000_006;
    push('message-start', chat);
    await sentMessage(chat, 1);
    await waitFor(() => (fake.unconfirmed() === 0 ? true : undefined));
    expect(t.logs.text()).toContain('An update Turbota cannot read was passed over: A Telegram voice message needs its file_id');
    expect(fake.delivered('sendMessage', '23000005')).toEqual([]);
  });

  it('deletes a webhook set while it polls, and goes on', async () => {
    const chat = 23_000_003;
    fake.webhook = 'https://elsewhere.example.com/webhooks/telegram';
    // The poll waiting now answers with this; the next one meets the webhook.
    push('message-start', chat);
    await sentMessage(chat, 1);
    const conflict = await waitFor(() => fake.calls.find((c) => c.method === 'getUpdates' && c.status === 409));
    expect(conflict.description).toBe(WEBHOOK_CONFLICT);
    const redeleted = await waitFor(() => fake.calls.find((c) => c.method === 'deleteWebhook' && c.at >= conflict.at));
    expect(redeleted.params).toMatchObject({ drop_pending_updates: false });
    expect(fake.webhook).toBeNull();
    const later = 23_000_004;
    push('message-start', later);
    expect((await sentMessage(later, 1)).params.text).toMatch(/How likely are you to recommend us/);
  });

  it('never lets two bot processes poll at once, and hands over when the poller stops', async () => {
    const second = await start();
    const chats = Array.from({ length: 20 }, (_, i) => 23_100_000 + i);
    for (const chat of chats.slice(0, 10)) push('message-start', chat);
    for (const chat of chats.slice(0, 10)) await sentMessage(chat, 1);
    // The first still polls; the second waits for its lease.
    expect(second.logs.text()).not.toContain('This process now polls Telegram for updates');

    await t.close({ closeDatabase: false });
    apps.delete(t);
    t = second;
    await waitFor(() => (second.logs.text().includes('This process now polls Telegram for updates') ? true : undefined), 15_000);
    for (const chat of chats.slice(10)) push('message-start', chat);
    for (const chat of chats) await sentMessage(chat, 1);

    expect(fake.mostPollsAtOnce).toBe(1);
    expect(fake.calls.filter((c) => c.description === 'Conflict: terminated by other getUpdates request')).toEqual([]);
    await waitFor(() => (fake.unconfirmed() === 0 ? true : undefined));
    for (const chat of chats) expect(fake.delivered('sendMessage', String(chat))).toHaveLength(1);
  });
});
