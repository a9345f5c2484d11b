import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { type DatabaseHandle, dataSourceOptions } from '@turbota/persistence';
import { KeyedLeaseQueue, type QueueTable } from '@turbota/server';
import { ManualClock } from '../support/manual-clock';
import { databaseKind, openTestDatabase } from '../support/test-database';

jest.setTimeout(60_000);

interface Claimed {
  id: string;
  topic: string;
  attempts: number;
}

/** A row of either probe table, as far as the queue's types go (each table has the columns its variant names). */
interface ProbeRow {
  id: string;
  topic: string;
  kind: string;
  status: string;
  attempts: number;
  due_at: Date | null;
  available_at: Date;
  failed_at: Date | null;
  last_error: string | null;
}

type ProbeTable = 'probe_status_queue' | 'probe_time_queue';
type ProbeDb = Record<ProbeTable, ProbeRow>;

interface Variant {
  name: string;
  queue: QueueTable<ProbeTable, ProbeDb>;
  create: string;
  /** Marks rows done, as the queue's user does once it has handled them. */
  done: string;
  /** Whether a row was given up, and with which error. */
  givenUp: string;
}

/** The core once per way a table tells a waiting row from a given-up one, as the outbox and the inbound queue do. */
const VARIANTS: Variant[] = [
  {
    name: 'a status column',
    queue: {
      table: 'probe_status_queue',
      id: 'id',
      seq: 'id',
      dueAt: 'due_at',
      state: { status: 'status' },
      member: (row) => sql`${row('kind')} = 'probe'`,
      sameKey: (a, b) => sql`${a('topic')} = ${b('topic')}`,
      claimOrder: ['due_at', 'id'],
    },
    create: `CREATE TABLE probe_status_queue (id bigserial PRIMARY KEY, topic text NOT NULL, kind text NOT NULL DEFAULT 'probe',
               status text NOT NULL DEFAULT 'pending', attempts integer NOT NULL DEFAULT 0, due_at timestamptz, last_error text)`,
    done: `UPDATE probe_status_queue SET status = 'sent', due_at = NULL WHERE id = ANY($1::bigint[])`,
    givenUp: `SELECT status = 'failed' AND due_at IS NULL AS given_up, last_error FROM probe_status_queue WHERE id = $1`,
  },
  {
    name: 'a time given up',
    queue: {
      table: 'probe_time_queue',
      id: 'id',
      seq: 'id',
      dueAt: 'available_at',
      state: { failedAt: 'failed_at' },
      sameKey: (a, b) => sql`${a('topic')} = ${b('topic')}`,
      claimOrder: ['id'],
    },
    create: `CREATE TABLE probe_time_queue (id bigserial PRIMARY KEY, topic text NOT NULL, attempts integer NOT NULL DEFAULT 0,
               available_at timestamptz NOT NULL, last_error text, failed_at timestamptz)`,
    done: `DELETE FROM probe_time_queue WHERE id = ANY($1::bigint[])`,
    givenUp: `SELECT failed_at IS NOT NULL AS given_up, last_error FROM probe_time_queue WHERE id = $1`,
  },
];

describe(`a keyed, leased FIFO queue (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let db: DataSource;
  let statements = 0;

  beforeAll(async () => {
    database = await openTestDatabase();
    db = await new DataSource(dataSourceOptions(database)).initialize();
    for (const variant of VARIANTS) await db.query(variant.create);
    // Every statement on any of the data source's connections, however the queue runs it.
    db.subscribers.push({ beforeQuery: () => void (statements += 1) });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.close();
  });

  describe.each(VARIANTS)('over a table with $name', (variant) => {
    const { table, dueAt } = variant.queue;
    const clock = new ManualClock(new Date());
    const queue = () => new KeyedLeaseQueue(variant.queue, db, clock);
    const claim = (limit = 10, leaseMs = 60_000, on = queue()): Promise<Claimed[]> => on.claim({ limit, leaseMs, returning: ['q.id', 'q.topic', 'q.attempts'] });
    const topics = (rows: Claimed[]) => rows.map((r) => r.topic).sort();
    /** Rows in this order, due now: `a1` is topic `a`'s first. */
    const add = async (...names: string[]) => {
      const ids: Record<string, string> = {};
      for (const name of names) {
        const [row] = await db.query<{ id: string }[]>(`INSERT INTO ${table} (topic, ${dueAt}) VALUES ($1, $2) RETURNING id`, [name.replace(/\d+$/, ''), clock.now()]);
        ids[name] = String(row.id);
      }
      return ids;
    };
    const done = (ids: string[]) => db.query(variant.done, [ids]);

    beforeEach(async () => {
      await db.query(`DELETE FROM ${table}`);
      clock.set(new Date());
    });

    it("takes the oldest row of each key, one per key, and a key's next only once the one before is done", async () => {
      const ids = await add('a1', 'a2', 'a3', 'b1', 'b2', 'c1');
      const first = await claim();
      expect(first.map((r) => r.id).sort()).toEqual([ids.a1, ids.b1, ids.c1].sort());
      expect(first.every((r) => r.attempts === 1)).toBe(true);
      // While they are out, their keys' later rows wait behind them.
      expect(await claim()).toEqual([]);

      await done([ids.a1, ids.b1]);
      expect((await claim()).map((r) => r.id).sort()).toEqual([ids.a2, ids.b2].sort());
      await done([ids.a2]);
      expect((await claim()).map((r) => r.id)).toEqual([ids.a3]);
    });

    it('claims in one statement, and a claim of nothing costs none', async () => {
      await add('a1', 'b1');
      const before = statements;
      expect(topics(await claim())).toEqual(['a', 'b']);
      expect(statements - before).toBe(1);
      expect(await claim(0)).toEqual([]);
      expect(statements - before).toBe(1);
    });

    it("gives a crashed claimer's row to the next claim once its lease ends, and counts the attempt", async () => {
      const ids = await add('a1', 'a2');
      expect((await claim(10, 60_000)).map((r) => r.id)).toEqual([ids.a1]);
      // The claimer dies here: nothing is done, retried or failed.
      clock.advance(0.5);
      expect(await claim()).toEqual([]);
      clock.advance(1);
      expect(await claim()).toEqual([{ id: ids.a1, topic: 'a', attempts: 2 }]);
    });

    it("retries after the delay, counting the attempt or, for a failure not the row's own, giving it back", async () => {
      const ids = await add('a1', 'a2');
      const retried = queue();
      await claim();
      await retried.retry(ids.a1, { delayMs: 30_000, error: 'socket hang up', counts: true });
      // The key keeps its order: its next row waits for the retried one.
      expect(await claim()).toEqual([]);
      clock.advance(0.6);
      expect(await claim()).toEqual([{ id: ids.a1, topic: 'a', attempts: 2 }]);

      await retried.retry(ids.a1, { delayMs: 0, error: 'rate limited', counts: false });
      expect(await claim()).toEqual([{ id: ids.a1, topic: 'a', attempts: 2 }]);
      const [row] = await db.query<{ last_error: string }[]>(`SELECT last_error FROM ${table} WHERE id = $1`, [ids.a1]);
      expect(row.last_error).toBe('rate limited');
    });

    it("gives a row up with its error, freeing its key's next row, and retries nothing given up", async () => {
      const ids = await add('a1', 'a2');
      const failing = queue();
      await claim();
      await failing.fail(ids.a1, `refused: ${'x'.repeat(600)}`);
      const [row] = await db.query<{ given_up: boolean; last_error: string }[]>(variant.givenUp, [ids.a1]);
      expect(row.given_up).toBe(true);
      expect(row.last_error).toHaveLength(500);

      expect((await claim()).map((r) => r.id)).toEqual([ids.a2]);
      await failing.retry(ids.a1, { delayMs: 0, error: 'late', counts: true });
      await done([ids.a2]);
      expect(await claim()).toEqual([]);
    });

    it('puts a given-up row back once, in its place before the later rows of its key, attempts afresh', async () => {
      const ids = await add('a1', 'a2', 'a3');
      const requeuing = queue();
      await claim();
      await requeuing.fail(ids.a1, 'outage');
      // Nothing but a given-up row goes back: neither a waiting row nor a done one.
      await expect(requeuing.requeue(ids.a2)).resolves.toBe(false);
      expect((await claim()).map((r) => r.id)).toEqual([ids.a2]);
      await done([ids.a2]);
      await expect(requeuing.requeue(ids.a2)).resolves.toBe(false);

      await expect(requeuing.requeue(ids.a1)).resolves.toBe(true);
      await expect(requeuing.requeue(ids.a1)).resolves.toBe(false);
      // Written before a3, it goes before it, as the same row with its attempts counted afresh.
      expect(await claim()).toEqual([{ id: ids.a1, topic: 'a', attempts: 1 }]);
      await done([ids.a1]);
      expect((await claim()).map((r) => r.id)).toEqual([ids.a3]);
      // No copy was written.
      const rows = await db.query<{ id: string }[]>(`SELECT id FROM ${table}`);
      expect(rows.filter((row) => !Object.values(ids).includes(String(row.id)))).toEqual([]);
    });

    it('takes at most `limit` keys, the oldest first', async () => {
      const ids = await add('a1', 'b1', 'c1');
      expect((await claim(2)).map((r) => r.id).sort()).toEqual([ids.a1, ids.b1].sort());
      expect((await claim(2)).map((r) => r.id)).toEqual([ids.c1]);
    });

    it('never lets two claimers hold one key at once, and handles each row once, in order per key', async () => {
      const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
      const names = Array.from({ length: 60 }, (_, i) => `${keys[i % keys.length]}${Math.floor(i / keys.length)}`);
      const ids = await add(...names);
      const nameOf = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
      const inFlight = new Set<string>();
      const handled: string[] = [];
      let overlaps = 0;
      const claimer = async (on: KeyedLeaseQueue<ProbeTable, ProbeDb>) => {
        for (let idle = 0; idle < 20; ) {
          const rows = await claim(2, 60_000, on);
          if (rows.length === 0) {
            idle++;
            await new Promise((resolve) => setTimeout(resolve, 5));
            continue;
          }
          idle = 0;
          for (const row of rows) {
            if (inFlight.has(row.topic)) overlaps++;
            inFlight.add(row.topic);
          }
          await new Promise((resolve) => setTimeout(resolve, 2));
          // Each key's first try fails once, to mix retries in.
          const tried = rows.filter((r) => r.attempts > 1 || !nameOf.get(r.id)!.endsWith('0'));
          for (const row of rows) inFlight.delete(row.topic);
          for (const row of rows.filter((r) => !tried.includes(r))) await on.retry(row.id, { delayMs: 0, error: 'first try', counts: true });
          handled.push(...tried.map((r) => nameOf.get(r.id)!));
          await done(tried.map((r) => r.id));
        }
      };
      await Promise.all(Array.from({ length: 4 }, () => claimer(queue())));

      expect(overlaps).toBe(0);
      expect([...handled].sort()).toEqual([...names].sort());
      for (const key of keys) expect(handled.filter((name) => name.startsWith(key))).toEqual(names.filter((name) => name.startsWith(key)));
    });
  });

  it("claims only the queue's own rows of a shared table, and another queue's rows hold no key back", async () => {
    const [variant] = VARIANTS;
    const clock = new ManualClock(new Date());
    const rows = await db.query<{ id: string; kind: string }[]>(
      `INSERT INTO probe_status_queue (topic, kind, due_at) VALUES ('m', 'other', $1), ('m', 'probe', $1) RETURNING id, kind`,
      [clock.now()],
    );
    const claimed = await new KeyedLeaseQueue(variant.queue, db, clock).claim({ limit: 10, leaseMs: 60_000, returning: ['q.id'] });
    expect(claimed.map((r) => String(r.id))).toEqual([String(rows.find((r) => r.kind === 'probe')!.id)]);
  });
});
