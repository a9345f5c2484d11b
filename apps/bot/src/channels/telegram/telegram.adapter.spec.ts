import { GrammyError, HttpError } from 'grammy';
import { questionTag } from '@turbota/dialogue';
import type { InboundEvent } from '../channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../send-errors';
import { sendErrorOf, TelegramAdapter } from './telegram.adapter';
import { telegramUpdate } from '../../../../../tests/support/telegram-fixtures';
import { renderPrompt } from './telegram-render';

const adapter = new TelegramAdapter({ botToken: '123:abc', mode: 'webhook', webhookSecret: 'secret-token_1', apiRoot: 'http://127.0.0.1:9', defaultLocale: 'uk' });
const chatId = 1111111;

describe('Telegram updates as channel-neutral events', () => {
  it('reads /start with a deep-link payload as the point of service, the language and the name', () => {
    expect(adapter.parse(telegramUpdate('message-start', { updateId: 1, chatId }))).toEqual([
      {
        kind: 'input',
        address: String(chatId),
        key: 'tg:1',
        input: { kind: 'start', payload: 'kyiv-central' },
        context: { locale: 'en', customerName: 'Olena', pointOfService: 'kyiv-central' },
      },
    ]);
  });

  it('reads commands, words, a shared phone and a voice note', () => {
    const one = (update: unknown) => (adapter.parse(update)[0] as InboundEvent | undefined)?.input;
    expect(one(telegramUpdate('message-text', { updateId: 2, chatId, text: '/complain' }))).toEqual({ kind: 'command', command: 'complain' });
    expect(one(telegramUpdate('message-text', { updateId: 3, chatId, text: '/stop@turbota_bot' }))).toEqual({ kind: 'command', command: 'stop' });
    expect(one(telegramUpdate('message-text', { updateId: 4, chatId }))).toEqual({ kind: 'text', text: 'The queue was long' });
    expect(one(telegramUpdate('message-contact', { updateId: 5, chatId }))).toEqual({ kind: 'contact', phone: '380671234567' });
    expect(one(telegramUpdate('message-voice', { updateId: 6, chatId }))).toEqual({ kind: 'voice', fileId: 'AwACAgIAAxkBAAIBJ2Vh', durationSeconds: 7 });
    expect((adapter.parse(telegramUpdate('message-voice', { updateId: 6, chatId }))[0] as InboundEvent).context.locale).toBe('uk');
  });

  it('reads a button tap with a receipt that closes the question showing the answer', () => {
    const [event] = adapter.parse(telegramUpdate('callback-query', { updateId: 7, chatId, data: 's:2' })) as InboundEvent[];
    expect(event.input).toEqual({ kind: 'scale', value: 2 });
    expect(event.receipt).toEqual({ kind: 'receipt', replyTo: '100', text: 'Hello, Olena!\n\nHow likely are you to recommend us to a friend?\n\n✓ 2' });
    expect(adapter.acknowledgement(telegramUpdate('callback-query', { updateId: 7, chatId }))).toEqual({ method: 'answerCallbackQuery', callback_query_id: '4382bfdwdsb323b2d9' });
  });

  it('reads the question a button was drawn for from its payload, and answers a stale tap with a quiet notice', () => {
    const tap = (data: string) => (adapter.parse(telegramUpdate('callback-query', { updateId: 11, chatId, data }))[0] as InboundEvent).input;
    expect(tap(`s${questionTag('nps')}:9`)).toEqual({ kind: 'scale', value: 9, asked: questionTag('nps') });
    expect(tap(`c${questionTag('reason')}:waiting`)).toEqual({ kind: 'choice', code: 'waiting', asked: questionTag('reason') });
    expect(tap('c:waiting')).toEqual({ kind: 'choice', code: 'waiting' });
    const update = telegramUpdate('callback-query', { updateId: 12, chatId });
    expect(adapter.acknowledgement(update, { notice: 'That question is answered already.' })).toEqual({
      method: 'answerCallbackQuery',
      callback_query_id: '4382bfdwdsb323b2d9',
      text: 'That question is answered already.',
    });
  });

  it('ignores what is not for Turbota, and refuses what is not an update', () => {
    expect(adapter.parse(telegramUpdate('edited-message', { updateId: 8, chatId }))).toEqual([]);
    const contact = telegramUpdate('message-contact', { updateId: 9, chatId });
    contact.message.contact.user_id = 42 as never; // someone else's card: not consent
    expect(adapter.parse(contact)).toEqual([]);
    expect(adapter.parse(telegramUpdate('callback-query', { updateId: 10, chatId, data: 'evil:1' }))).toEqual([]);
    expect(() => adapter.parse({ message: {} })).toThrow('update_id is missing');
    expect(() => adapter.parse('[]')).toThrow('update_id is missing');
  });

  it('checks the secret token in constant time, refusing a missing or wrong one', () => {
    const request = (token?: string) => ({ headers: token === undefined ? {} : { 'x-telegram-bot-api-secret-token': token }, rawBody: undefined, body: {} });
    expect(adapter.verify(request('secret-token_1'))).toBe(true);
    expect(adapter.verify(request('secret-token_2'))).toBe(false);
    expect(adapter.verify(request('secret'))).toBe(false);
    expect(adapter.verify(request())).toBe(false);
  });

  it('takes no webhook in polling mode: every request is refused and none is registered', () => {
    const polling = new TelegramAdapter({ botToken: '123:abc', mode: 'polling', apiRoot: 'http://127.0.0.1:9', defaultLocale: 'uk' });
    expect(polling.verify({ headers: { 'x-telegram-bot-api-secret-token': 'secret-token_1' }, rawBody: undefined, body: {} })).toBe(false);
    expect(polling.register).toBeUndefined();
    expect(adapter.register).toBeDefined();
  });
});

describe('prompts as Telegram messages', () => {
  it('puts the NPS scale on two rows of buttons labelled with the digits', () => {
    const message = renderPrompt({ kind: 'scale', questionCode: 'nps', text: 'Recommend us?', min: 0, max: 10, lowLabel: 'No', highLabel: 'Yes' });
    const rows = (message.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
    expect(rows.map((r) => r.map((b) => b.text))).toEqual([['0', '1', '2', '3', '4', '5'], ['6', '7', '8', '9', '10']]);
    expect(rows[0][2].callback_data).toBe(`s${questionTag('nps')}:2`);
    expect(message.text).toBe('Recommend us?\n0 — No · 10 — Yes');
  });

  it('offers the one-tap share-my-phone button for a contact, and "No, thanks" under it', () => {
    const message = renderPrompt({ kind: 'contact', questionCode: 'contact', text: 'Your phone?', consentText: 'Only for this case.', accepts: ['phone', 'email'], shareLabel: 'Share my phone number', declineLabel: 'No, thanks' });
    expect(message).toEqual({
      text: 'Your phone?\n\nOnly for this case.',
      reply_markup: { keyboard: [[{ text: 'Share my phone number', request_contact: true }], [{ text: 'No, thanks' }]], resize_keyboard: true, one_time_keyboard: true },
    });
  });

  it('adds "That\'s all" on a row of its own where a question offers it', () => {
    const likert = renderPrompt({ kind: 'choice', questionCode: 'empathy', text: 'They listened.', options: [{ code: '1', label: 'Disagree' }, { code: '5', label: 'Agree' }], allowsText: false, endLabel: "That's all" });
    const rows = (likert.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
    expect(rows.at(-1)).toEqual([{ text: "That's all", callback_data: `c${questionTag('empathy')}:end` }]);
    expect(rows[0][0].callback_data).toBe(`c${questionTag('empathy')}:1`);
  });
});

describe('Bot API failures, by what the outbox should do', () => {
  const grammyError = (code: number, description: string, parameters = {}) =>
    new GrammyError('call failed', { ok: false, error_code: code, description, parameters }, 'sendMessage', {});

  it('maps flood waits, blocks, credentials, outages and refusals', () => {
    const flood = sendErrorOf(grammyError(429, 'Too Many Requests: retry after 7', { retry_after: 7 }));
    expect(flood).toBeInstanceOf(RateLimitedError);
    expect((flood as RateLimitedError).retryAfterSeconds).toBe(7);
    expect(sendErrorOf(grammyError(403, 'Forbidden: bot was blocked by the user'))).toBeInstanceOf(RecipientUnreachableError);
    expect(sendErrorOf(grammyError(400, 'Bad Request: chat not found'))).toBeInstanceOf(RecipientUnreachableError);
    expect(sendErrorOf(grammyError(401, 'Unauthorized'))).toBeInstanceOf(BadCredentialsError);
    expect(sendErrorOf(grammyError(502, 'Bad Gateway'))).toBeInstanceOf(TemporarySendError);
    expect(sendErrorOf(grammyError(400, 'Bad Request: message text is empty'))).toBeInstanceOf(RejectedMessageError);
    expect(sendErrorOf(new HttpError('Network request failed', new Error('ECONNREFUSED')))).toBeInstanceOf(TemporarySendError);
  });
});
