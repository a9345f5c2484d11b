import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ViberFixture = 'conversation-started' | 'message-text' | 'message-contact' | 'delivered' | 'seen' | 'failed' | 'subscribed' | 'unsubscribed' | 'webhook';

/**
 * A recorded Viber callback, shaped as Viber documents it, as the raw JSON text it sends (its
 * 64-bit message tokens do not survive a round trip through a JavaScript number).
 */
export function viberCallback(fixture: ViberFixture, options: { token: string; userId: string; text?: string; language?: string; context?: string }): string {
  const callback = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'viber', `${fixture}.json`), 'utf8')) as Record<string, Record<string, unknown>>;
  const user = callback.sender ?? callback.user;
  if (user) {
    user.id = options.userId;
    if (options.language) user.language = options.language;
  }
  if ('user_id' in callback) callback.user_id = options.userId as never;
  if (options.text !== undefined) callback.message.text = options.text;
  if (options.context !== undefined) callback.context = options.context as never;
  return JSON.stringify(callback).replace('"__TOKEN__"', options.token);
}
