/** Telegram-shaped updates for the load: a customer's `/start` and a tap on a score button. */
export const BENCH_TOKEN = '7000000099:AAHbench-token';
export const BENCH_SECRET = 'bench-webhook-secret';
export const WEBHOOK_HEADERS = { 'X-Telegram-Bot-Api-Secret-Token': BENCH_SECRET };

const QUESTION = 'How likely are you to recommend us to a friend or colleague?';
const LANGUAGES = ['uk', 'ru', 'en'];

function from(chatId: number) {
  return { id: chatId, is_bot: false, first_name: 'Bench', language_code: LANGUAGES[chatId % 3] };
}

/** A customer opening the bot: `/start`. */
export function startUpdate(updateId: number, chatId: number): string {
  return JSON.stringify({
    update_id: updateId,
    message: {
      message_id: 1,
      from: from(chatId),
      chat: { id: chatId, first_name: 'Bench', type: 'private' },
      date: Math.floor(Date.now() / 1000),
      text: '/start',
      entities: [{ offset: 0, length: 6, type: 'bot_command' }],
    },
  });
}

/** The customer's tap on a score of the NPS question (the bot's message as the platform echoes it). */
export function scoreTap(updateId: number, chatId: number, score: number): string {
  const row = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ text: String(from + i), callback_data: `s:${from + i}` }));
  return JSON.stringify({
    update_id: updateId,
    callback_query: {
      id: `bench-${updateId}`,
      from: from(chatId),
      message: {
        message_id: 1000,
        from: { id: 7000000099, is_bot: true, first_name: 'Bench', username: 'bench_bot' },
        chat: { id: chatId, first_name: 'Bench', type: 'private' },
        date: Math.floor(Date.now() / 1000),
        text: QUESTION,
        reply_markup: { inline_keyboard: [row(0, 5), row(6, 10)] },
      },
      chat_instance: String(chatId),
      data: `s:${score}`,
    },
  });
}

/**
 * `customers` distinct customers, each starting and then answering 500 ms later, spread
 * evenly so that starts and answers together arrive at `perSecond` updates a second.
 */
export function npsDialogues(options: { firstChatId: number; firstUpdateId: number; perSecond: number; durationMs: number }) {
  const customers = Math.max(1, Math.round((options.perSecond / 2) * (options.durationMs / 1000)));
  const spacing = options.durationMs / customers;
  return Array.from({ length: customers }, (_, i) => {
    const chatId = options.firstChatId + i;
    const updateId = options.firstUpdateId + 2 * i;
    return {
      at: i * spacing,
      body: startUpdate(updateId, chatId),
      then: { delayMs: 500, body: scoreTap(updateId + 1, chatId, i % 11) },
    };
  });
}
