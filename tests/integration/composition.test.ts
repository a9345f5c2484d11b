import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@turbota/config';
import type { DatabaseHandle } from '@turbota/persistence';
import { RootModule } from '@turbota/server';
import { ApiModule } from '../../apps/api/src/api.module';
import { BotModule } from '../../apps/bot/src/bot.module';
import { ChannelsModule } from '../../apps/bot/src/channels/channels.module';

// In preview Nest resolves every provider's dependencies without constructing one: nothing connects.
const NO_DATABASE: DatabaseHandle = { url: 'postgres://127.0.0.1:1/none', embedded: false, close: () => Promise.resolve() };
const compose = (features: unknown[]) =>
  NestFactory.create(RootModule.forRoot({ config: loadConfig({}), database: NO_DATABASE, features: features as never }), { preview: true, logger: false, abortOnError: false });

/**
 * Issue 20: "a composition that forgets the module boots fine and silently stops opening
 * incidents". The dialogue's hooks are required: a process that runs dialogues without the
 * incidents module does not start, and says which hook it lacks.
 */
describe('composing a process', () => {
  it('refuses to run dialogues whose complaints no module turns into incidents', async () => {
    await expect(compose([ChannelsModule])).rejects.toThrow(/COMPLAINT_RECORDED/);
  });

  it('composes the bot, the API and both together', async () => {
    for (const features of [[BotModule], [ApiModule], [ApiModule, BotModule]]) await (await compose(features)).close();
  });
});
