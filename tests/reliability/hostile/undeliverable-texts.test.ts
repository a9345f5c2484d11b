import { telegramUpdate } from '../../support/telegram-fixtures';
import { viberCallback, type ViberFixture } from '../../support/viber-fixtures';
import { type BotApiCall, FakeTelegram } from '../../support/fake-telegram';
import { FakeViber, type ViberCall } from '../../support/fake-viber';
import { recordFigures } from '../../support/figures';
import { apiCall, startTestApp, type TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { postTelegramUpdate, postViberCallback } from '../../support/webhooks';

jest.setTimeout(60_000);

const TOKEN = '7000000001:AAH-undeliverable-texts';
const SECRET = 'telegram-webhook-secret_undeliverable';
const VIBER_TOKEN = '4a1b2c3d4e5f6071-8293a4b5c6d7e8f9-0a1b2c3d4e5f6aaa';
const LOW = 'Not at all likely, whatever happened during this visit to us';
const HIGH = 'Certainly, I would recommend you to every friend and relative';

interface Question {
  code: string;
  type: string;
  text: Record<string, string>;
  lowLabel?: Record<string, string>;
  highLabel?: Record<string, string>;
  options?: { code: string; label: Record<string, string> }[];
}
interface InlineMarkup {
  inline_keyboard: { text: string; callback_data: string }[][];
}
interface ViberKeyboard {
  Buttons: { ActionType: string; ActionBody: string; Text: string; Silent?: boolean }[];
}

const all = (text: string) => ({ uk: text, ru: text, en: text });
/** An NPS question of `length` characters in English, with long scale labels. */
const longNps = (length: number): Question => ({ code: 'nps', type: 'nps', text: { ...all('Порадите?'), en: 'q'.repeat(length) }, lowLabel: all(LOW), highLabel: all(HIGH) });
const createPool = (t: TestApp, name: string, questions: Question[]) => apiCall(t.url, '/api/v1/question-pools', { method: 'POST', body: { name, questions } });

describe(`A long question on Telegram, and Viber's buttons (${databaseKind})`, () => {
  describe('with Telegram on', () => {
    let telegram: FakeTelegram;
    let t: TestApp;
    let updateId = 880_000;
    const figures: Record<string, unknown> = {};

    beforeAll(async () => {
      telegram = await FakeTelegram.start(TOKEN);
      t = await startTestApp({ env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: telegram.url } });
    });
    afterAll(async () => {
      recordFigures('hostile', 'undeliverable texts (Telegram)', figures);
      await t.close();
      await telegram.close();
    });

    const post = async (body: unknown) => {
      const res = await postTelegramUpdate(t.url, body, { secret: SECRET });
      expect(res.status).toBe(200);
    };
    const tap = (message: BotApiCall, chatId: number, label: string) => {
      const button = (message.params.reply_markup as InlineMarkup).inline_keyboard.flat().find((b) => b.text === label)!;
      const tapped = { message_id: message.result!.message_id as number, text: message.params.text as string, reply_markup: message.params.reply_markup };
      return post(telegramUpdate('callback-query', { updateId: ++updateId, chatId, data: button.callback_data, tapped }));
    };
    const defaultPool = async () => {
      const pools = (await (await apiCall(t.url, '/api/v1/question-pools')).json()) as { id: string; name: string; questions: Question[] }[];
      return pools.find((p) => p.name === 'Post-contact')!;
    };
    /** Sets the English text of the default pool's NPS question, as an admin would. */
    const setNpsText = async (length: number) => {
      const pool = await defaultPool();
      const questions = pool.questions.map((q) => (q.code === 'nps' ? { ...q, text: { ...q.text, en: 'q'.repeat(length) } } : q));
      return apiCall(t.url, `/api/v1/question-pools/${pool.id}`, { method: 'PATCH', body: { questions } });
    };
    /** Starts a survey in English in a new chat, answers 7 on the first question, and returns both calls. */
    const surveyOnce = async (chatId: number) => {
      await post(telegramUpdate('message-start', { updateId: ++updateId, chatId, languageCode: 'en' }));
      const question = await waitFor(() => telegram.calls.find((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(chatId)));
      if (question.status !== 200) return { question, receipt: undefined };
      await tap(question, chatId, '7');
      const receipt = await waitFor(() => telegram.calls.find((c) => c.method === 'editMessageText' && String(c.params.chat_id) === String(chatId)));
      return { question, receipt };
    };

    it('refuses a 4,000-character question whose labels push it past 4,096, naming Telegram and the limit', async () => {
      // The finding: this text is what the bot would send, and Telegram refuses it.
      const text = `${'q'.repeat(4000)}\n0 — ${LOW} · 10 — ${HIGH}`;
      const direct = await fetch(`${telegram.url}/bot${TOKEN}/sendMessage`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ chat_id: 1, text }) });
      expect(await direct.json()).toMatchObject({ ok: false, error_code: 400, description: 'Bad Request: message is too long' });

      const refused = await createPool(t, 'Long questions', [longNps(4000)]);
      expect(refused.status).toBe(400);
      const body = (await refused.json()) as { message: string; errors: { field: string; problems: string[] }[] };
      const length = text.length + '\n\n✓ 10'.length;
      expect(body.errors).toEqual([{ field: 'questions[0].text.en', problems: [`Question "nps" (en): ${length.toLocaleString('en-US')} characters with its answer labels and receipt; Telegram allows 4,096`] }]);
      expect(body.message).toContain('Telegram allows 4,096');
      // Changing a pool in use is checked the same way.
      expect((await setNpsText(4090)).status).toBe(400);
      Object.assign(figures, { refusedQuestionLength: 4000, refusedWithLabelsAndReceipt: length, limit: 4096 });
    });

    it('delivers a 3,900-character question that fits, and its receipt edit too', async () => {
      expect((await setNpsText(3900)).status).toBe(200);
      const { question, receipt } = await surveyOnce(3_900_001);
      expect(question.status).toBe(200);
      expect(question.params.text).toContain('q'.repeat(3900));
      expect(receipt?.status).toBe(200);
      expect(String(receipt?.params.text)).toMatch(/q{3900}[\s\S]*\n\n✓ 7$/);
      Object.assign(figures, { deliveredLength: String(question.params.text).length, receiptLength: String(receipt?.params.text).length });
    });

    it('cuts a question that a greeting pushes past 4,096 rather than fail it for ever; its receipt fits too', async () => {
      // The longest question the pool check lets through with the default labels and the receipt "✓ 10";
      // the greeting the bot puts before it pushes the message past 4,096.
      const nps = (await defaultPool()).questions.find((q) => q.code === 'nps')!;
      const longest = 4096 - `\n0 — ${nps.lowLabel!.en} · 10 — ${nps.highLabel!.en}`.length - '\n\n✓ 10'.length;
      expect((await setNpsText(longest + 1)).status).toBe(400);
      expect((await setNpsText(longest)).status).toBe(200);
      const { question, receipt } = await surveyOnce(4_050_001);
      expect(question.status).toBe(200);
      expect(String(question.params.text).length).toBe(4096);
      expect(String(question.params.text).endsWith('…')).toBe(true);
      expect(receipt?.status).toBe(200);
      expect(String(receipt?.params.text).length).toBeLessThanOrEqual(4096);
      expect(String(receipt?.params.text)).toMatch(/…\n\n✓ 7$/);
      // Nothing the bot sent was refused: the only 400 is the direct reproduction above, into chat 1.
      const refusals = telegram.calls.filter((c) => c.status === 400);
      expect(refusals.map((c) => String(c.params.chat_id))).toEqual(['1']);
      Object.assign(figures, { longestAccepted: longest, clippedLength: String(question.params.text).length, clippedReceiptLength: String(receipt?.params.text).length, botSendsRefused: refusals.length - 1 });
    });
  });

  describe('with Telegram off and Viber on', () => {
    let viber: FakeViber;
    let t: TestApp;
    let token = 5_912_661_846_655_238_000n;
    const figures: Record<string, unknown> = {};

    beforeAll(async () => {
      viber = await FakeViber.start(VIBER_TOKEN);
      t = await startTestApp({ env: { VIBER_AUTH_TOKEN: VIBER_TOKEN, VIBER_API_URL: viber.url } });
    });
    afterAll(async () => {
      recordFigures('hostile', 'undeliverable texts (Viber)', figures);
      await t.close();
      await viber.close();
    });

    const send = async (fixture: ViberFixture, userId: string, text?: string) => {
      const raw = viberCallback(fixture, { token: String(++token), userId, text, language: 'en' });
      const res = await postViberCallback(t.url, raw, { token: VIBER_TOKEN });
      expect(res.status).toBe(200);
      return (await res.json()) as { keyboard?: ViberKeyboard };
    };
    const buttonsOf = (call: ViberCall) => (call.body.keyboard as ViberKeyboard).Buttons;

    it('accepts the long question Telegram could not take, and refuses what Viber cannot, naming Viber', async () => {
      expect((await createPool(t, 'Long questions', [longNps(4000)])).status).toBe(201);
      const label = { ...all('Slow'), en: 's'.repeat(300) };
      const choice: Question = { code: 'why', type: 'single_choice', text: all('Why?'), options: [{ code: 'slow', label }, { code: 'rude', label: all('Rude') }] };
      const refused = await createPool(t, 'Long labels', [choice]);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toBe(
        'questions[0].text.en: Question "why" (en): 300 characters on the button "c:slow"; Viber allows 250',
      );
      Object.assign(figures, { acceptedQuestionLength: 4000, refusedButtonLength: 300, buttonLimit: 250 });
    });

    it('sends every answer button silently, so a tap never shows s:2 as the customer message', async () => {
      const user = 'viber-silent-1=';
      const welcome = await send('conversation-started', user);
      expect(welcome.keyboard?.Buttons).toEqual([expect.objectContaining({ ActionType: 'reply', Silent: true })]);
      await send('message-text', user, '/start');
      const nps = await waitFor(() => viber.sent(user)[0]);
      expect(buttonsOf(nps).map((b) => [b.Text, b.ActionBody, b.Silent])).toEqual(Array.from({ length: 11 }, (_, i) => [String(i), `s:${i}`, true]));
      // The silent reply still reaches the webhook as the customer's message: the next question follows.
      await send('message-text', user, buttonsOf(nps).find((b) => b.Text === '2')!.ActionBody);
      const next = await waitFor(() => viber.sent(user)[1]);
      const replies = buttonsOf(next).filter((b) => b.ActionType === 'reply');
      expect(replies.length).toBeGreaterThan(0);
      expect(replies.every((b) => b.Silent === true)).toBe(true);
      const shown = viber.sent(user).flatMap((c) => buttonsOf(c)).filter((b) => /^[sc]:/.test(b.ActionBody) && b.Silent !== true);
      expect(shown).toEqual([]);
      const sentButtons = [...(welcome.keyboard?.Buttons ?? []), ...viber.sent(user).flatMap((c) => buttonsOf(c))];
      Object.assign(figures, { buttonsSent: sentButtons.length, silent: sentButtons.filter((b) => b.Silent === true).length, payloadsShown: shown.length });
    });
  });
});
