import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type TelegramFixture = 'message-start' | 'message-text' | 'callback-query' | 'message-contact' | 'message-voice' | 'edited-message';

/**
 * A recorded Telegram update, shaped as the Bot API documents it, with the update id, the
 * chat and the payload a test needs.
 */
export function telegramUpdate(
  fixture: TelegramFixture,
  options: {
    updateId: number;
    chatId: number;
    text?: string;
    data?: string;
    languageCode?: string;
    /** For a button tap: the bot's message that carried the button, as the platform sent it. */
    tapped?: { message_id: number; text: string; reply_markup?: unknown };
  },
): Json {
  const update = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'telegram', `${fixture}.json`), 'utf8')) as Json;
  update.update_id = options.updateId as never;
  const body = update.message ?? update.edited_message ?? update.callback_query;
  const message = update.callback_query ? body.message : body;
  message.chat.id = options.chatId as never;
  body.from.id = options.chatId as never;
  if (body.contact) body.contact.user_id = options.chatId as never;
  if (options.languageCode) body.from.language_code = options.languageCode as never;
  if (options.text !== undefined) message.text = options.text as never;
  if (options.tapped) Object.assign(message, options.tapped);
  if (options.data !== undefined) update.callback_query.data = options.data as never;
  return update;
}

/** Loose JSON, to set fields deep in a recorded update. */
interface Json {
  [key: string]: Json;
}
