import { CompiledQuery, sql } from 'kysely';
import type { DataSource } from 'typeorm';
import type { Clock } from '@turbota/common';
import { execute, executeCount, type QueryTarget } from '@turbota/persistence';

/** A failure's text is kept this long at most (`last_error`). */
const ERROR_CHARS = 500;

/**
 * How a table holds a keyed, leased FIFO queue. The table has `attempts` and `last_error`
 * columns besides those named here. Names and conditions are SQL written in code, never
 * taken from input; values always go as parameters.
 */
export interface QueueTable {
  table: string;
  /** The column `retry` and `fail` address a row by. */
  id: string;
  /** The order of one key's rows: a row is claimed only when no earlier row of its key waits. */
  seq: string;
  /** When a row may be claimed: its first try, the end of its lease while claimed, its next try after a failure. */
  dueAt: string;
  /**
   * How a row waits and how it is given up: a status column ('pending', then 'failed' with the
   * due time cleared), or a time column, null while the row waits and set when it is given up.
   */
  state: { status: string } | { failedAt: string };
  /** Which rows a claim takes, where the table holds other queues too (over a row alias); `retry` and `fail` go by id alone. */
  member?: (row: string) => string;
  /** Rows `a` and `b` are of one key. Without it each row is its own key: claims are then FIFO and leased only. */
  sameKey?: (a: string, b: string) => string;
  /** The order in which the keys' heads are claimed. */
  claimOrder: readonly string[];
}

/** One claim: how many rows and for how long, and what a queue adds to its rules. */
export interface ClaimOptions {
  limit: number;
  leaseMs: number;
  /** A further condition on the head `h` (not on its key's earlier rows); `bind` turns a value into a parameter. */
  where?: (bind: (value: unknown) => string) => string;
  /** Tables joined to the claimed row `q` for what the claim answers, and the join's condition. */
  join?: { from: string; on: string };
  /** What the claim answers for each row, over the claimed row `q` and the joined tables. */
  returning: string;
}

/**
 * A keyed, leased FIFO queue in a table. A claim takes, in one statement, the oldest waiting
 * row of each key whose earlier rows are all done (so a key's rows go in order, one in flight
 * at a time), skips rows another process holds (`SKIP LOCKED`), counts an attempt, and leases
 * the row by moving its due time: a process that dies holding it leaves it to be claimed again
 * when the lease ends, and meanwhile the rest of its key waits behind it.
 */
export class KeyedLeaseQueue {
  constructor(
    private readonly queue: QueueTable,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async claim<Row>(options: ClaimOptions): Promise<Row[]> {
    if (options.limit <= 0) return [];
    const { table, id, seq, dueAt, member, sameKey, claimOrder } = this.queue;
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    // Times come from the process clock, as the ones the dialogue steps write.
    const now = this.clock.now().getTime();
    const ofQueue = (row: string) => [this.waits(row), ...(member ? [member(row)] : [])].join(' AND ');
    const conditions = [`${ofQueue('h')} AND h.${dueAt} <= ${bind(new Date(now))}`];
    if (sameKey) conditions.push(`NOT EXISTS (SELECT 1 FROM ${table} p WHERE ${ofQueue('p')} AND p.${seq} < h.${seq} AND ${sameKey('p', 'h')})`);
    if (options.where) conditions.push(options.where(bind));
    const text = `WITH head AS (
         SELECT h.${id} FROM ${table} h
         WHERE ${conditions.join('\n           AND ')}
         ORDER BY ${claimOrder.map((column) => `h.${column}`).join(', ')}
         LIMIT ${bind(options.limit)}
         FOR UPDATE OF h SKIP LOCKED
       )
       UPDATE ${table} q SET ${dueAt} = ${bind(new Date(now + options.leaseMs))}, attempts = q.attempts + 1
       FROM head${options.join ? `, ${options.join.from}` : ''}
       WHERE q.${id} = head.${id}${options.join ? ` AND ${options.join.on}` : ''}
       RETURNING ${options.returning}`;
    // The queue's table and the caller's conditions are SQL of the code's own (see QueueTable), with numbered parameters.
    return execute(this.dataSource, CompiledQuery.raw(text, params) as CompiledQuery<Row>);
  }

  /** Tries a waiting row again after `delayMs`; `counts: false` gives back the attempt its claim counted (the failure was not the row's: a rate limit, a pause). */
  async retry(rowId: string, options: { delayMs: number; error: string; counts: boolean }): Promise<void> {
    const { table, id, dueAt } = this.queue;
    const dueAtMs = this.clock.now().getTime() + options.delayMs;
    await execute(
      this.dataSource,
      sql`UPDATE ${sql.id(table)} q SET ${sql.id(dueAt)} = ${new Date(dueAtMs)}, last_error = ${options.error.slice(0, ERROR_CHARS)},
            attempts = CASE WHEN ${options.counts} THEN q.attempts ELSE greatest(q.attempts - 1, 0) END
          WHERE q.${sql.id(id)} = ${rowId} AND ${sql.raw(this.waits('q'))}`,
    );
  }

  /** Gives a row up for good, with its error for an operator; the next row of its key may then be claimed. */
  async fail(rowId: string, error: string): Promise<void> {
    const { table, id, dueAt, state } = this.queue;
    const lastError = error.slice(0, ERROR_CHARS);
    const givenUp = 'status' in state ? sql`${sql.id(state.status)} = 'failed', ${sql.id(dueAt)} = NULL` : sql`${sql.id(state.failedAt)} = ${this.clock.now()}`;
    await execute(this.dataSource, sql`UPDATE ${sql.id(table)} q SET ${givenUp}, last_error = ${lastError} WHERE q.${sql.id(id)} = ${rowId}`);
  }

  /**
   * Puts a given-up row back to wait, due now, its attempts counted afresh. It keeps its place
   * (`seq`) among its key's rows, so it goes before the ones written after it that still wait,
   * and it is the same row, never a copy. False when the row was not given up (it waits, or is
   * done). `on`: a transaction that checked the row first.
   */
  async requeue(rowId: string, on: QueryTarget = this.dataSource): Promise<boolean> {
    const { table, id, dueAt, state } = this.queue;
    const waitAgain = 'status' in state ? sql`${sql.id(state.status)} = 'pending'` : sql`${sql.id(state.failedAt)} = NULL`;
    const givenUp = 'status' in state ? sql`q.${sql.id(state.status)} = 'failed'` : sql`q.${sql.id(state.failedAt)} IS NOT NULL`;
    const updated = await executeCount(
      on,
      sql`UPDATE ${sql.id(table)} q SET ${waitAgain}, ${sql.id(dueAt)} = ${this.clock.now()}, attempts = 0 WHERE q.${sql.id(id)} = ${rowId} AND ${givenUp}`,
    );
    return updated === 1;
  }

  /** The row (alias) waits: neither done nor given up. */
  private waits(row: string): string {
    const { state } = this.queue;
    return 'status' in state ? `${row}.${state.status} = 'pending'` : `${row}.${state.failedAt} IS NULL`;
  }
}
