import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type BotFrameworkFixture = 'message' | 'conversation-update';

/** A recorded Bot Framework activity, shaped as the Emulator sends it, with the ids a test needs. */
export function botFrameworkActivity(
  fixture: BotFrameworkFixture,
  options: { id: string; conversationId: string; serviceUrl: string; text?: string; locale?: string },
): Record<string, unknown> {
  const activity = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'botframework', `${fixture}.json`), 'utf8')) as Record<string, unknown>;
  return {
    ...activity,
    id: options.id,
    conversation: { id: options.conversationId },
    serviceUrl: options.serviceUrl,
    ...(options.text === undefined ? {} : { text: options.text }),
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  };
}
