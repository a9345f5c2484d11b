import { DataSource } from 'typeorm';
import { PiiCipher } from '@turbota/privacy';
import { telegramUpdate, type TelegramFixture } from '../support/telegram-fixtures';
import { type BotApiCall, FakeTelegram } from '../support/fake-telegram';
import { registerPoints } from '../support/points';
import { bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { postTelegramUpdate } from '../support/webhooks';

jest.setTimeout(30_000);

const TOKEN = '7000000001:AAHtest-token';
const SECRET = 'telegram-webhook-secret_1';

interface InlineMarkup {
  inline_keyboard?: { text: string; callback_data: string }[][];
  keyboard?: { text: string; request_contact?: boolean }[][];
}

describe(`Telegram channel against a local Bot API (${databaseKind})`, () => {
  let fake: FakeTelegram;
  let t: TestApp;
  let db: DataSource;
  let updateId = 50_000;

  beforeAll(async () => {
    fake = await FakeTelegram.start(TOKEN);
    t = await startTestApp({
      env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.url, PUBLIC_URL: 'https://feedback.example.com' },
      // Every draw at the middle: the back-off's jittered waits are then their averages, 1 s, 2 s ...
      retryRandom: () => 0.5,
    });
    db = t.app.get(DataSource);
    await registerPoints(t.url, 'kyiv-central');
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(() => {
    fake.enforceLimits = false;
  });

  const post = (body: unknown, secret: string | null = SECRET, raw?: string) => postTelegramUpdate(t.url, body, { secret, raw });
  const send = async (fixture: TelegramFixture, chatId: number, options: Parameters<typeof telegramUpdate>[1] extends infer O ? Partial<O> : never = {}) => {
    const res = await post(telegramUpdate(fixture, { updateId: ++updateId, chatId, ...options }));
    expect(res.status).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };
  /** Waits for the n-th message the bot sent into the chat. */
  const sentMessage = (chatId: number, n: number) => waitFor(() => fake.delivered('sendMessage', String(chatId))[n - 1]);
  /** Taps the button with this label (or the first one) on a message the bot sent. */
  const tap = (message: BotApiCall, chatId: number, label?: string) => {
    const buttons = (message.params.reply_markup as InlineMarkup).inline_keyboard!.flat();
    const button = label === undefined ? buttons[0] : buttons.find((b) => b.text === label)!;
    return send('callback-query', chatId, {
      data: button.callback_data,
      tapped: { message_id: message.result!.message_id as number, text: message.params.text as string, reply_markup: message.params.reply_markup },
    });
  };
  const count = async (sql: string, params: unknown[] = []) => ((await db.query<{ n: number }[]>(sql, params))[0]).n;

  it('registers its webhook with the secret when PUBLIC_URL is set', () => {
    expect(fake.delivered('setWebhook')[0].params).toMatchObject({
      url: 'https://feedback.example.com/webhooks/telegram',
      secret_token: SECRET,
    });
  });

  it('runs a whole NPS dialogue: 2, a reason, the shared phone, the drawn questions, thanks', async () => {
    const chat = 2_000_001;
    expect(await send('message-start', chat)).toEqual({});
    const nps = await sentMessage(chat, 1);
    expect(nps.params.text).toMatch(/^(Hello, Olena!|Hi Olena!|Olena, thank you for contacting us\.)\n\nHow likely are you to recommend us/);
    const rows = (nps.params.reply_markup as InlineMarkup).inline_keyboard!;
    expect(rows.map((r) => r.length)).toEqual([6, 5]);

    expect(await tap(nps, chat, '2')).toEqual({ method: 'answerCallbackQuery', callback_query_id: '4382bfdwdsb323b2d9' });
    const edit = await waitFor(() => fake.delivered('editMessageText', String(chat))[0]);
    expect(edit.params).toMatchObject({ message_id: nps.result!.message_id, reply_markup: { inline_keyboard: [] } });
    expect(edit.params.text).toMatch(/✓ 2$/);
    const reason = await sentMessage(chat, 2);
    expect(reason.params.text).toMatch(/What exactly went wrong\?$/);

    await tap(reason, chat, 'I waited too long');
    const contact = await sentMessage(chat, 3);
    expect((contact.params.reply_markup as InlineMarkup).keyboard).toEqual([[{ text: 'Share my phone number', request_contact: true }], [{ text: 'No, thanks' }]]);
    await send('message-contact', chat);
    const thanks = await sentMessage(chat, 4);
    expect(thanks.params.reply_markup).toEqual({ remove_keyboard: true });
    expect(thanks.params.text).toMatch(/\nYour case number is INC-\d+\. We will contact you /);

    // The two drawn questions: Likert statements or a CES / CSAT scale, whichever the draw gave.
    for (let n = 5; n <= 6; n++) await tap(await sentMessage(chat, n), chat);
    const closing = await sentMessage(chat, 7);
    expect(closing.params.text).toMatch(/Thanks for your answers|That's all|great help/);

    const answers = await db.query<{ question_code: string; channel: string; locale: string; point_of_service: string }[]>(
      `SELECT a.question_code, a.channel, a.locale, a.point_of_service FROM answer a JOIN conversation c ON c.id = a.conversation_id
       JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = $1 ORDER BY a.answered_at`,
      [String(chat)],
    );
    expect(answers).toHaveLength(4);
    for (const a of answers) expect(a).toMatchObject({ channel: 'telegram', locale: 'en', point_of_service: 'kyiv-central' });
    const [complaint] = await db.query<{ phone_sealed: Buffer; reason_code: string }[]>(
      `SELECT phone_sealed, reason_code FROM complaint WHERE conversation_id = (SELECT conversation_id FROM answer WHERE question_code = 'reason' AND point_of_service = 'kyiv-central' LIMIT 1)`,
    );
    expect(complaint.reason_code).toBe('waiting');
    expect(t.app.get(PiiCipher).open(complaint.phone_sealed)).toBe('+380671234567');
  });

  it('refuses a forged or missing secret with 401 and writes nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM conversation_input');
    for (const secret of ['wrong-secret', null]) {
      const res = await post(telegramUpdate('message-start', { updateId: ++updateId, chatId: 2_000_002 }), secret);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toBe('The request does not carry a valid telegram signature');
    }
    expect(await count('SELECT count(*)::int AS n FROM conversation_input')).toBe(before);
  });

  it('stores an update delivered three times at once only once, and replies once', async () => {
    const chat = 2_000_003;
    const update = telegramUpdate('message-start', { updateId: ++updateId, chatId: chat });
    const answers = await Promise.all([post(update), post(update), post(update)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    await sentMessage(chat, 1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(fake.delivered('sendMessage', String(chat))).toHaveLength(1);
    expect(await count(`SELECT count(*)::int AS n FROM conversation_input WHERE input_key = $1`, [`tg:${updateId}`])).toBe(1);
  });

  it('answers malformed and oversized bodies with 4xx and a message; ignores updates it does not use', async () => {
    const notUpdate = await post({ message: { text: 'hi' } });
    expect(notUpdate.status).toBe(400);
    expect(((await notUpdate.json()) as { message: string }).message).toMatch(/update_id is missing/);
    expect((await post(null, SECRET, '{"update_id": 1,')).status).toBe(400);
    const huge = await post(null, SECRET, JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(2_000_000) } }));
    expect(huge.status).toBe(413);
    const edited = await post(telegramUpdate('edited-message', { updateId: ++updateId, chatId: 2_000_004 }));
    expect(edited.status).toBe(200);
  });

  it('honours a 429 retry_after before sending again', async () => {
    const chat = 2_000_005;
    fake.floodWait(2);
    await send('message-start', chat);
    const delivered = await waitFor(() => fake.delivered('sendMessage', String(chat))[0], 10_000);
    const refused = fake.calls.find((c) => c.status === 429 && String(c.params.chat_id) === String(chat))!;
    expect(refused).toBeDefined();
    expect(delivered.at - refused.at).toBeGreaterThanOrEqual(1900);
  });

  it('retries through a platform outage with back-off and delivers once it is over', async () => {
    const chat = 2_000_008;
    fake.down = 502;
    await send('message-start', chat);
    await waitFor(() => fake.calls.filter((c) => c.status === 502 && String(c.params.chat_id) === String(chat))[1], 10_000);
    fake.down = null;
    const delivered = await waitFor(() => fake.delivered('sendMessage', String(chat))[0], 10_000);
    const failures = fake.calls.filter((c) => c.status === 502 && String(c.params.chat_id) === String(chat));
    // Back-off: the second attempt waited about a second, the third about two.
    expect(failures[1].at - failures[0].at).toBeGreaterThanOrEqual(900);
    expect(delivered.at - failures[1].at).toBeGreaterThanOrEqual(1800);
    expect(fake.delivered('sendMessage', String(chat))).toHaveLength(1);
  });

  it('ends the conversation when the customer has blocked the bot, and keeps the failure', async () => {
    const chat = 2_000_006;
    fake.blocked.add(String(chat));
    await send('message-start', chat);
    const [state] = await waitFor(async () => {
      const rows = await db.query<{ status: string; unreachable: boolean; delivery: string; last_error: string }[]>(
        `SELECT c.status, i.unreachable_at IS NOT NULL AS unreachable, m.delivery, m.last_error
         FROM customer_identity i JOIN conversation c ON c.identity_id = i.id JOIN message m ON m.conversation_id = c.id
         WHERE i.address = $1 AND i.channel = 'telegram'`,
        [String(chat)],
      );
      return rows[0]?.delivery === 'failed' ? rows : undefined;
    });
    expect(state).toEqual({ status: 'unreachable', unreachable: true, delivery: 'failed', last_error: expect.stringContaining('blocked by the user') as string });

    const res = await fetch(`${t.url}/api/v1/deliveries?status=failed&channel=telegram`, { headers: bearer(TEST_ADMIN_KEY) });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { status: string; lastError: string; attempts: number }[] };
    expect(items[0]).toMatchObject({ status: 'failed', attempts: 1 });
    // Viewers read the kind of failure and the platform's status, not Telegram's own words.
    expect(items[0].lastError).toMatch(/^recipient_blocked \(HTTP 403\): /);
    expect(JSON.stringify(items)).not.toContain('recommend');
  });

  it('keeps to one message a second in a chat when the platform enforces it', async () => {
    fake.enforceLimits = true;
    const chat = 2_000_007;
    await send('message-start', chat);
    const nps = await sentMessage(chat, 1);
    await tap(nps, chat, '10');
    await sentMessage(chat, 3);
    const inChat = fake.calls.filter((c) => String(c.params.chat_id) === String(chat) && c.method !== 'answerCallbackQuery');
    expect(inChat.filter((c) => c.status === 429)).toEqual([]);
  });
});
