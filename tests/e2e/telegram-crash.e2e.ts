import type { DatabaseHandle } from '@turbota/persistence';
import { telegramUpdate } from '../support/telegram-fixtures';
import { FakeTelegram } from '../support/fake-telegram';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { TurbotaProcess } from '../support/turbota-process';
import { waitFor } from '../support/wait-for';
import { postTelegramUpdate } from '../support/webhooks';

jest.setTimeout(120_000);

const TOKEN = '7000000002:AAHcrash-test';
const SECRET = 'crash-webhook-secret';

describe(`a bot process killed between acknowledging and delivering (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let fake: FakeTelegram;

  beforeAll(async () => {
    database = await openTestDatabase();
    fake = await FakeTelegram.start(TOKEN);
  });
  afterAll(async () => {
    await fake.close();
    await database.close();
  });

  it('delivers the reply after a restart, once', async () => {
    const env = { DATABASE_URL: database.url, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.url };
    const chat = '3000001';
    // The platform is down, so nothing can be delivered before the process dies.
    fake.down = 502;
    const first = await (await TurbotaProcess.start('standalone', env)).ready();
    const acked = await postTelegramUpdate(first.url, telegramUpdate('message-start', { updateId: 77, chatId: Number(chat) }), { secret: SECRET });
    expect(acked.status).toBe(200);
    await waitFor(() => fake.calls.find((c) => c.method === 'sendMessage' && c.status === 502), 10_000);
    expect(await first.stop('SIGKILL')).toBeNull();

    fake.down = null;
    const second = await (await TurbotaProcess.start('standalone', env)).ready();
    try {
      // At most one lease later, should the process have died in the middle of a send.
      const delivered = await waitFor(() => fake.delivered('sendMessage', chat)[0], 30_000);
      expect(delivered.params.text).toMatch(/How likely are you to recommend us/);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(fake.delivered('sendMessage', chat)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});
