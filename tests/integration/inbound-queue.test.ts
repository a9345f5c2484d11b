import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type DatabaseHandle, dataSourceOptions, runMigrations } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { InboundQueueRepository, type QueuedInput } from '../../apps/bot/src/inbound/inbound-queue.repository';
import { telegramUpdate, type TelegramFixture } from '../support/telegram-fixtures';
import { FakeTelegram } from '../support/fake-telegram';
import { ManualClock } from '../support/manual-clock';
import { startTestApp, TestApp } from '../support/test-app';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { postTelegramUpdate } from '../support/webhooks';

jest.setTimeout(60_000);

const TOKEN = '7000000002:AAHqueue-token';
const SECRET = 'telegram-webhook-secret_q';

/**
 * A webhook in a peak: the input is stored (sealed) in the inbound queue, the request is
 * answered at once, and a worker applies the input after, in order per address.
 */
describe(`inbound queue for webhooks in a peak (${databaseKind})`, () => {
  let fake: FakeTelegram;
  let updateId = 90_000;

  beforeAll(async () => {
    fake = await FakeTelegram.start(TOKEN);
  });
  afterAll(() => fake.close());

  const start = (env: Record<string, string>, clock?: ManualClock) =>
    startTestApp({ env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.url, ...env }, clock });
  const send = async (t: TestApp, fixture: TelegramFixture, chatId: number, options: { text?: string; updateId?: number } = {}) => {
    const res = await postTelegramUpdate(t.url, telegramUpdate(fixture, { updateId: options.updateId ?? ++updateId, chatId, text: options.text }), { secret: SECRET });
    expect(res.status).toBe(200);
  };
  const queued = async (db: DataSource) => (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM inbound_update`))[0].n;
  const queuedMetric = async (t: TestApp) => Number(/^turbota_inbound_queued_total (\d+)/m.exec(await (await fetch(`${t.url}/metrics`)).text())?.[1] ?? 0);

  describe('with every input queued (WEBHOOK_INLINE_STEPS=0)', () => {
    let t: TestApp;
    let db: DataSource;
    const clock = new ManualClock(new Date());

    beforeAll(async () => {
      t = await start({ WEBHOOK_INLINE_STEPS: '0' }, clock);
      db = t.app.get(DataSource);
    });
    afterAll(() => t.close());

    it("applies a customer's inputs in the order they came, each once, and empties the queue", async () => {
      const chat = 3_100_001;
      await send(t, 'message-start', chat);
      const words = ['one', 'two', 'three', 'four', 'five'];
      for (const text of words) await send(t, 'message-text', chat, { text });
      // The platform delivers the last one again: stored and applied once.
      await send(t, 'message-text', chat, { text: 'five', updateId });

      await waitFor(async () => (await queued(db)) === 0 || undefined);
      const echoes = await db.query<{ text: string }[]>(
        `SELECT m.body->>'text' AS text FROM message m JOIN customer_identity i ON i.id = m.identity_id
         WHERE i.channel = 'telegram' AND i.address = $1 AND m.direction = 'in' ORDER BY m.seq`,
        [String(chat)],
      );
      expect(echoes.map((e) => e.text).filter((text) => words.includes(text))).toEqual(words);
      const inputs = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM conversation_input c JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = $1`,
        [String(chat)],
      );
      expect(inputs[0].n).toBe(6);
      expect(await queuedMetric(t)).toBeGreaterThanOrEqual(6);
      const question = await waitFor(() => fake.delivered('sendMessage', String(chat))[0]);
      expect(question.params.text).toMatch(/How likely are you to recommend us/);
    });

    it('keeps what it queued sealed, and holds it until a survey policy exists instead of refusing it', async () => {
      const [archived] = await db.query<[{ id: string }[], number]>(`UPDATE survey_policy SET status = 'archived' WHERE status = 'active' RETURNING id`);
      const chat = 3_100_002;
      await send(t, 'message-start', chat);
      await send(t, 'message-contact', chat);

      const rows = await waitFor(async () => {
        const r = await db.query<{ event: Buffer; attempts: number; last_error: string | null }[]>(
          `SELECT event, attempts, last_error FROM inbound_update WHERE address = $1 ORDER BY id`,
          [String(chat)],
        );
        return r.length === 2 && r[0].last_error ? r : undefined;
      });
      expect(rows[0].last_error).toMatch(/survey policy/i);
      for (const row of rows) {
        const stored = Buffer.from(row.event).toString('latin1');
        expect(stored).not.toContain('Olena');
        expect(stored).not.toContain('671234567');
      }
      // The second waits behind the first, which waits for a policy.
      expect(rows[1].attempts).toBe(0);
      expect(fake.delivered('sendMessage', String(chat))).toHaveLength(0);

      await db.query(`UPDATE survey_policy SET status = 'active' WHERE id = ANY($1)`, [archived.map((p) => p.id)]);
      clock.advance(1);
      await waitFor(async () => (await queued(db)) === 0 || undefined);
      const question = await waitFor(() => fake.delivered('sendMessage', String(chat))[0]);
      expect(question.params.text).toMatch(/^(Hello, Olena!|Hi Olena!|Olena, thank you for contacting us\.)/);
    });
  });

  describe('with one step at a time inside requests (WEBHOOK_INLINE_STEPS=1)', () => {
    let t: TestApp;
    let db: DataSource;

    beforeAll(async () => {
      t = await start({ WEBHOOK_INLINE_STEPS: '1' });
      db = t.app.get(DataSource);
    });
    afterAll(() => t.close());

    it('answers a burst of 40 new customers, queues what it cannot apply at once, and greets each customer once', async () => {
      const chats = Array.from({ length: 40 }, (_, i) => 3_200_000 + i);
      await Promise.all(chats.map((chat) => send(t, 'message-start', chat)));
      await waitFor(async () => (await queued(db)) === 0 || undefined);
      expect(await queuedMetric(t)).toBeGreaterThan(0);
      for (const chat of chats) await waitFor(() => fake.delivered('sendMessage', String(chat))[0]);
      const conversations = await db.query<{ address: string; n: number }[]>(
        `SELECT i.address, count(*)::int AS n FROM conversation c JOIN customer_identity i ON i.id = c.identity_id
         WHERE i.address = ANY($1) GROUP BY i.address`,
        [chats.map(String)],
      );
      expect(conversations).toHaveLength(40);
      expect(conversations.every((c) => c.n === 1)).toBe(true);
      expect(chats.every((chat) => fake.delivered('sendMessage', String(chat)).length === 1)).toBe(true);
    });
  });

  /**
   * Starts processes of one installation on a database of their own (call in a `describe`):
   * each opens what another sealed, as they share one key.
   */
  const installation = () => {
    let database: DatabaseHandle;
    const apps: TestApp[] = [];
    beforeAll(async () => {
      database = await openTestDatabase();
    });
    afterAll(async () => {
      for (const app of apps) await app.close({ closeDatabase: false });
      await database?.close();
    });
    return async (env: Record<string, string>) => {
      const shared = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.url, PII_ENCRYPTION_KEY: 'c'.repeat(64) };
      const app = await startTestApp({ env: { ...shared, ...env }, database });
      apps.push(app);
      return app;
    };
  };

  describe('with webhooks in a process that leaves the queue to others (INBOUND_WORKER=false)', () => {
    const startOn = installation();

    it('queues every input, applies none itself, and a bot process with the worker applies them', async () => {
      const front = await startOn({ INBOUND_WORKER: 'false' });
      const db = front.app.get(DataSource);
      const chat = 3_300_001;
      await send(front, 'message-start', chat);
      await send(front, 'message-text', chat, { text: 'hello' });

      // A worker would have applied them within milliseconds of being woken.
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(await queued(db)).toBe(2);
      expect(await queuedMetric(front)).toBe(2);
      expect(fake.delivered('sendMessage', String(chat))).toHaveLength(0);

      await startOn({});
      await waitFor(async () => (await queued(db)) === 0 || undefined);
      const question = await waitFor(() => fake.delivered('sendMessage', String(chat))[0]);
      expect(question.params.text).toMatch(/How likely are you to recommend us/);
    });
  });

  describe('applied in rounds, one transaction for many addresses', () => {
    const startOn = installation();

    it('applies a claim of many customers together; an input that fails costs only itself, and every answer is counted once', async () => {
      const front = await startOn({ INBOUND_WORKER: 'false' });
      const db = front.app.get(DataSource);
      const chats = Array.from({ length: 40 }, (_, i) => 3_400_000 + i);
      const failing = String(chats[7]);
      // The database refuses one customer's step, as it might refuse any one input.
      await db.query(`CREATE FUNCTION refuse_one_input() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF (SELECT address FROM customer_identity WHERE id = NEW.identity_id) = '${failing}' THEN RAISE EXCEPTION 'refused for the test'; END IF;
          RETURN NEW;
        END $$`);
      await db.query(`CREATE TRIGGER refuse_one_input BEFORE INSERT ON conversation_input FOR EACH ROW EXECUTE FUNCTION refuse_one_input()`);
      for (const chat of chats) await send(front, 'message-start', chat);
      expect(await queued(db)).toBe(40);

      // The worker claims all 40 at once: rounds of several customers each.
      const worker = await startOn({});
      const left = await waitFor(async () => {
        const rows = await db.query<{ address: string; attempts: number; last_error: string | null }[]>(`SELECT address, attempts, last_error FROM inbound_update`);
        return rows.length === 1 && rows[0].last_error ? rows : undefined;
      }, 20_000);
      expect(left[0].address).toBe(failing);
      expect(left[0].last_error).toMatch(/refused for the test/);
      for (const chat of chats.filter((c) => String(c) !== failing)) {
        // Created in a round, each customer is greeted by the name their platform gave, kept sealed.
        const greeting = await waitFor(() => fake.delivered('sendMessage', String(chat))[0]);
        expect(greeting.params.text).toMatch(/Olena/);
      }
      const names = await db.query<{ name_sealed: Buffer | null }[]>(
        `SELECT c.name_sealed FROM customer c JOIN customer_identity i ON i.customer_id = c.id WHERE i.address = $1`,
        [String(chats[0])],
      );
      expect(Buffer.from(names[0].name_sealed!).toString('latin1')).not.toContain('Olena');

      await db.query(`DROP TRIGGER refuse_one_input ON conversation_input`);
      // Its next try comes after a back-off of a few seconds.
      await waitFor(async () => (await queued(db)) === 0 || undefined, 40_000);
      const question = await waitFor(() => fake.delivered('sendMessage', failing)[0]);
      expect(question.params.text).toMatch(/How likely are you to recommend us/);

      const rounds = async (outcome: string) => Number(new RegExp(`^turbota_inbound_rounds_total{outcome="${outcome}"} (\\d+)`, 'm').exec(await (await fetch(`${worker.url}/metrics`)).text())?.[1] ?? 0);
      expect(await rounds('together')).toBeGreaterThan(0);
      const fellBack = await rounds('one_by_one');
      expect(fellBack).toBeGreaterThan(0);

      // Every customer taps a score; the rounds' answers reach the histograms once each.
      for (const [i, chat] of chats.entries()) {
        const asked = fake.delivered('sendMessage', String(chat))[0];
        const button = (asked.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat().find((b) => b.text === String(i % 11))!;
        const tapped = { message_id: asked.result!.message_id as number, text: asked.params.text as string, reply_markup: asked.params.reply_markup };
        const res = await postTelegramUpdate(front.url, telegramUpdate('callback-query', { updateId: ++updateId, chatId: chat, data: button.callback_data, tapped }), { secret: SECRET });
        expect(res.status).toBe(200);
      }
      await waitFor(async () => (await queued(db)) === 0 || undefined, 20_000);
      const [counted] = await db.query<{ answers: number; rolled: number; daily: number }[]>(
        `SELECT (SELECT count(*)::int FROM answer WHERE question_type = 'nps') AS answers,
                (SELECT sum(count)::int FROM answer_rollup WHERE metric = 'nps') AS rolled,
                (SELECT sum(count)::int FROM answer_rollup_daily WHERE metric = 'nps') AS daily`,
      );
      expect(counted).toEqual({ answers: 40, rolled: 40, daily: 40 });
      // With nothing failing, every round was applied whole.
      expect(await rounds('one_by_one')).toBe(fellBack);
      const applied = Number(/^turbota_inbound_applied_total (\d+)/m.exec(await (await fetch(`${worker.url}/metrics`)).text())?.[1]);
      expect(applied).toBe(80);
    });
  });

  describe('storing a peak (group commit)', () => {
    let database: DatabaseHandle;
    let db: DataSource;
    let repository: InboundQueueRepository;
    let inserts = 0;

    beforeAll(async () => {
      database = await openTestDatabase();
      db = await new DataSource(dataSourceOptions(database)).initialize();
      await runMigrations(db);
      // Every INSERT into the queue on any of the data source's connections, however it is run.
      db.subscribers.push({
        beforeQuery: ({ query }) => {
          if (/^insert into "?inbound_update"?/i.test(query)) inserts += 1;
        },
      });
      // No worker here: the rows stay as stored.
      repository = new InboundQueueRepository(db, new ManualClock(new Date()), new PiiCipher([randomBytes(32)]));
    });
    afterAll(async () => {
      await db?.destroy();
      await database?.close();
    });

    const input = (address: string, key: string): QueuedInput => ({
      channel: 'telegram',
      address,
      inbound: { key, input: { kind: 'text', text: `text ${key}` } },
      context: { locale: 'en' },
    });
    const stored = () => db.query<{ address: string; input_key: string }[]>(`SELECT address, input_key FROM inbound_update ORDER BY id`);

    it('stores 120 inputs that come at once in a few INSERTs, each once, in the order they came', async () => {
      const inputs = Array.from({ length: 120 }, (_, i) => input(`40000${i % 3}`, `k${i}`));
      // A re-delivery inside the same batch is stored once.
      await Promise.all([...inputs, inputs[7]].map((i) => repository.enqueue(i)));

      expect(await stored()).toEqual(inputs.map((i) => ({ address: i.address, input_key: i.inbound.key })));
      expect(inserts).toBeGreaterThanOrEqual(2);
      expect(inserts).toBeLessThan(10);
    });

    it('fails only the input the database refuses, and stores the others of its batch', async () => {
      await db.query(`DELETE FROM inbound_update`);
      const good = Array.from({ length: 10 }, (_, i) => input('400010', `g${i}`));
      // PostgreSQL takes no NUL character in a text column.
      const bad = input('400010\u0000', 'bad');
      const outcomes = await Promise.allSettled([good[0], ...good.slice(1, 5), bad, ...good.slice(5)].map((i) => repository.enqueue(i)));

      expect(outcomes.map((o) => o.status)).toEqual([...Array<string>(5).fill('fulfilled'), 'rejected', ...Array<string>(5).fill('fulfilled')]);
      expect((await stored()).map((r) => r.input_key)).toEqual(good.map((i) => i.inbound.key));
    });
  });
});
