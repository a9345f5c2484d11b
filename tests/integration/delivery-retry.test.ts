import { DataSource } from 'typeorm';
import { telegramUpdate } from '../support/telegram-fixtures';
import { FakeTelegram } from '../support/fake-telegram';
import { registerPoints } from '../support/points';
import { bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { postTelegramUpdate } from '../support/webhooks';

// A message in an outage is given up after MAX_ATTEMPTS (80) sends, each a claim, a call and a
// record: seconds alone, a minute or more while the other test workers hold both cores.
jest.setTimeout(300_000);

const TOKEN = '7000000002:AAHretry-token';
const SECRET = 'telegram-webhook-secret_2';

interface Delivery {
  id: string;
  status: string;
  attempts: number;
  failure: { category: string } | null;
  retryable: boolean;
  retryRefusal: string | null;
}

describe(`Sending a failed message again (${databaseKind})`, () => {
  let fake: FakeTelegram;
  let t: TestApp;
  let db: DataSource;
  let updateId = 70_000;

  beforeAll(async () => {
    fake = await FakeTelegram.start(TOKEN);
    t = await startTestApp({
      env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.url },
      // No back-off waits: a message in an outage uses up its attempts at once and is given up.
      retryRandom: () => 0,
    });
    db = t.app.get(DataSource);
    await registerPoints(t.url, 'kyiv-central');
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const start = async (chatId: number) => {
    const res = await postTelegramUpdate(t.url, telegramUpdate('message-start', { updateId: ++updateId, chatId }), { secret: SECRET });
    expect(res.status).toBe(200);
  };
  /** The chat's outgoing messages, once the first has failed. */
  const failedIn = (chatId: number) =>
    waitFor(async () => {
      const rows = await db.query<{ id: string; delivery: string }[]>(
        `SELECT m.id, m.delivery FROM message m JOIN customer_identity i ON i.id = m.identity_id
         WHERE i.channel = 'telegram' AND i.address = $1 AND m.direction = 'out' ORDER BY m.seq`,
        [String(chatId)],
      );
      return rows[0]?.delivery === 'failed' ? rows : undefined;
    }, 120_000);
  const retry = (id: string, key = TEST_ADMIN_KEY) => fetch(`${t.url}/api/v1/deliveries/${id}/retry`, { method: 'POST', headers: bearer(key) });
  const listed = async (id: string) => {
    const res = await fetch(`${t.url}/api/v1/deliveries?channel=telegram&limit=500`, { headers: bearer(TEST_ADMIN_KEY) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Delivery[] }).items.find((d) => d.id === id);
  };

  it('sends a message given up in an outage once more, once, and refuses one to a customer who blocked the bot', async () => {
    const blockedChat = 3_000_001;
    fake.blocked.add(String(blockedChat));
    await start(blockedChat);
    const [blocked] = await failedIn(blockedChat);

    const outageChat = 3_000_002;
    fake.down = 500;
    await start(outageChat);
    const outage = await failedIn(outageChat);
    fake.down = null;

    expect(await listed(outage[0].id)).toMatchObject({ status: 'failed', failure: { category: 'temporary' }, retryable: true, retryRefusal: null });
    expect(await listed(blocked.id)).toMatchObject({ status: 'failed', failure: { category: 'recipient_blocked' }, retryable: false, retryRefusal: 'recipient_unreachable' });

    const refused = await retry(blocked.id);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { message: string }).message).toMatch(/cannot be reached on this channel/);

    const retried = await retry(outage[0].id);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ id: outage[0].id, status: 'pending', attempts: 0, retryable: false });
    const delivered = await waitFor(() => fake.delivered('sendMessage', String(outageChat))[0], 10_000);
    expect(delivered.params.text).toMatch(/How likely are you to recommend us/);

    // The same message went out, once: no copy was written, and a retry now finds it sent.
    await waitFor(async () => ((await listed(outage[0].id))?.status === 'sent' ? true : undefined));
    const after = await db.query<{ id: string }[]>(`SELECT m.id FROM message m JOIN customer_identity i ON i.id = m.identity_id WHERE i.address = $1 AND m.direction = 'out'`, [String(outageChat)]);
    expect(after.map((m) => m.id)).toEqual(outage.map((m) => m.id));
    expect(fake.delivered('sendMessage', String(outageChat))).toHaveLength(1);
    expect((await retry(outage[0].id)).status).toBe(409);
    expect(fake.delivered('sendMessage', String(blockedChat))).toEqual([]);
  });

  it('refuses a second retry while the message waits, and an unknown id', async () => {
    const chat = 3_000_003;
    fake.down = 500;
    await start(chat);
    const [message] = await failedIn(chat);
    fake.down = null;
    // The platform asks to wait half a minute, so the requeued message still waits when the second retry comes.
    fake.floodWait(30);
    expect((await retry(message.id)).status).toBe(200);
    const again = await retry(message.id);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { message: string }).message).toMatch(/already waiting/);
    expect(await listed(message.id)).toMatchObject({ status: 'pending' });
    expect((await retry('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
