import type { IncomingMessage, ServerResponse } from 'node:http';
import { DataSource } from 'typeorm';
import type { DatabaseHandle } from '@turbota/persistence';
import { telegramUpdate } from '../../support/telegram-fixtures';
import { LEASE_MS } from '../../../apps/bot/src/outbox/outbox-sender';
import { FakeTelegram } from '../../support/fake-telegram';
import { TcpProxy } from '../../support/tcp-proxy';
import { startTestApp, TestApp } from '../../support/test-app';
import { databaseKind, openTestDatabase } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { recordFaultFigures } from '../support/faults-artifacts';
import { postTelegramUpdate } from '../../support/webhooks';

jest.setTimeout(90_000);

const TOKEN = '7000000046:AAHfaults-blip';
const SECRET = 'faults-blip-secret';
const CHAT = 46_000_001;

describe(`the database away between a send and its record (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let proxy: TcpProxy;
  let telegram: FakeTelegram;
  let t: TestApp;

  beforeAll(async () => {
    database = await openTestDatabase();
    const proxied = await TcpProxy.inFrontOf(database.url);
    proxy = proxied.proxy;
    telegram = await FakeTelegram.start(TOKEN);
    t = await startTestApp({
      database: { ...database, url: proxied.url },
      env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: telegram.url },
    });
  });
  afterAll(async () => {
    await t.close({ closeDatabase: false });
    await proxy.stop();
    await telegram.close();
    await database.close();
  });

  it('marks the message sent when the database is back, and does not send it again when its lease ends', async () => {
    // The platform takes the message, and at that moment the database goes away.
    const handle = telegram['handle'].bind(telegram);
    let cutAt = 0;
    telegram['handle'] = (req: IncomingMessage, body: string, res: ServerResponse) => {
      if (!cutAt && req.url?.endsWith('/sendMessage')) {
        cutAt = Date.now();
        void proxy.cut().then(() => handle(req, body, res));
        return;
      }
      handle(req, body, res);
    };
    const acked = await postTelegramUpdate(t.url, telegramUpdate('message-start', { updateId: 460_001, chatId: CHAT }), { secret: SECRET });
    expect(acked.status).toBe(200);
    await waitFor(() => (cutAt ? true : undefined), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await proxy.restore();

    const db = t.app.get(DataSource);
    const delivery = await waitFor(async () => {
      const [row] = await db.query<{ delivery: string }[]>(
        `SELECT m.delivery FROM message m JOIN customer_identity i ON i.id = m.identity_id WHERE i.address = $1 AND m.direction = 'out'`,
        [String(CHAT)],
      );
      return row?.delivery === 'sent' ? row.delivery : undefined;
    }, 20_000);
    // Past the lease the dead round held it under: a message still pending would go out again now.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, cutAt + LEASE_MS + 3_000 - Date.now())));
    const copies = telegram.delivered('sendMessage', String(CHAT)).length;
    recordFaultFigures('outboxDatabaseBlip', { sendsTakenByThePlatform: copies, recordedAs: delivery, waitedPastLeaseMs: Date.now() - cutAt });

    expect(delivery).toBe('sent');
    expect(copies).toBe(1);
  });
});
