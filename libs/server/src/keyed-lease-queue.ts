import { type AnyColumnWithTable, type Expression, expressionBuilder, type ExpressionBuilder, type RawBuilder, type Selection, sql, type SqlBool } from 'kysely';
import type { DataSource } from 'typeorm';
import type { Clock } from '@turbota/common';
import { type Database, execute, executeCount, type QueryTarget } from '@turbota/persistence';

/** A failure's text is kept this long at most (`last_error`). */
const ERROR_CHARS = 500;

/** A column of table `T`. */
type ColumnOf<DB, T extends keyof DB> = keyof DB[T] & string;

/** A column of one row of the queue's table, under the alias the statement gives that row (`h.seq`). */
export type RowColumn<DB, T extends keyof DB> = (column: ColumnOf<DB, T>) => RawBuilder<unknown>;

/**
 * How a table holds a keyed, leased FIFO queue. The table has `attempts` and `last_error`
 * columns besides those named here. `member` and `sameKey` are conditions written in code over
 * the row's columns, by name (`row('direction')`), so a renamed column fails the typecheck;
 * values in them go as parameters. `DB` is the tables' types (the migrations' by default).
 */
export interface QueueTable<T extends keyof DB & string, DB = Database> {
  table: T;
  /** The column `retry` and `fail` address a row by. */
  id: ColumnOf<DB, T>;
  /** The order of one key's rows: a row is claimed only when no earlier row of its key waits. */
  seq: ColumnOf<DB, T>;
  /** When a row may be claimed: its first try, the end of its lease while claimed, its next try after a failure. */
  dueAt: ColumnOf<DB, T>;
  /**
   * How a row waits and how it is given up: a status column ('pending', then 'failed' with the
   * due time cleared), or a time column, null while the row waits and set when it is given up.
   */
  state: { status: ColumnOf<DB, T> } | { failedAt: ColumnOf<DB, T> };
  /** Which rows a claim takes, where the table holds other queues too; `retry` and `fail` go by id alone. */
  member?: (row: RowColumn<DB, T>) => RawBuilder<SqlBool>;
  /** Rows `a` and `b` are of one key. Without it each row is its own key: claims are then FIFO and leased only. */
  sameKey?: (a: RowColumn<DB, T>, b: RowColumn<DB, T>) => RawBuilder<SqlBool>;
  /** The order in which the keys' heads are claimed. */
  claimOrder: readonly ColumnOf<DB, T>[];
}

/** Tables joined to the claimed row, by alias (`{ i: 'customer_identity' }`). */
export type JoinedTables<DB> = Record<string, keyof DB>;

/** What a claim sees: the queue's table as the claimed row `q`, and the joined tables by their aliases. */
export type ClaimedView<DB, T extends keyof DB, J extends JoinedTables<DB>> = DB & { q: DB[T] } & { [A in keyof J]: DB[J[A]] };

/** One claim: how many rows and for how long, what a queue adds to its rules, and what it answers. */
export interface ClaimOptions<DB, T extends keyof DB, J extends JoinedTables<DB>, C extends string> {
  limit: number;
  leaseMs: number;
  /** A further condition on the head `h` (not on its key's earlier rows). */
  where?: (eb: ExpressionBuilder<DB & { h: DB[T] }, 'h'>) => Expression<SqlBool>;
  /** Tables joined to the claimed row `q` for what the claim answers, and the join's condition. */
  join?: { tables: J; on: (eb: ExpressionBuilder<ClaimedView<DB, T, J>, 'q' | (keyof J & string)>) => Expression<SqlBool> };
  /** The columns the claim answers for each row, of the claimed row `q` and the joined tables (`'q.id'`, `'i.address'`). */
  returning: readonly C[];
}

/**
 * A keyed, leased FIFO queue in a table. A claim takes, in one statement, the oldest waiting
 * row of each key whose earlier rows are all done (so a key's rows go in order, one in flight
 * at a time), skips rows another process holds (`SKIP LOCKED`), counts an attempt, and leases
 * the row by moving its due time: a process that dies holding it leaves it to be claimed again
 * when the lease ends, and meanwhile the rest of its key waits behind it.
 */
export class KeyedLeaseQueue<T extends keyof DB & string, DB = Database> {
  constructor(
    private readonly queue: QueueTable<T, DB>,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async claim<C extends AnyColumnWithTable<ClaimedView<DB, T, J>, 'q' | (keyof J & string)>, J extends JoinedTables<DB> = Record<never, never>>(
    options: ClaimOptions<DB, T, J, C>,
  ): Promise<Selection<ClaimedView<DB, T, J>, 'q' | (keyof J & string), C>[]> {
    if (options.limit <= 0) return [];
    const { table, id, seq, dueAt, member, sameKey, claimOrder } = this.queue;
    // Times come from the process clock, as the ones the dialogue steps write.
    const now = this.clock.now().getTime();
    const [h, p] = [rowOf<DB, T>('h'), rowOf<DB, T>('p')];
    const ofQueue = (row: RowColumn<DB, T>) => (member ? sql`${this.waits(row)} AND ${member(row)}` : this.waits(row));
    const conditions: RawBuilder<unknown>[] = [sql`${ofQueue(h)} AND ${h(dueAt)} <= ${new Date(now)}`];
    if (sameKey) conditions.push(sql`NOT EXISTS (SELECT 1 FROM ${sql.id(table)} p WHERE ${ofQueue(p)} AND ${p(seq)} < ${h(seq)} AND ${sameKey(p, h)})`);
    if (options.where) conditions.push(sql`${options.where(expressionBuilder<DB & { h: DB[T] }, 'h'>())}`);
    const join = options.join;
    const joined = join ? sql`, ${sql.join(Object.entries(join.tables).map(([alias, joinedTable]) => sql`${sql.id(String(joinedTable))} ${sql.id(alias)}`))}` : sql``;
    const joinedOn = join ? sql` AND ${join.on(expressionBuilder<ClaimedView<DB, T, J>, 'q' | (keyof J & string)>())}` : sql``;
    const statement = sql<Selection<ClaimedView<DB, T, J>, 'q' | (keyof J & string), C>>`WITH head AS (
         SELECT h.${sql.id(id)} FROM ${sql.id(table)} h
         WHERE ${sql.join(conditions, sql`\n           AND `)}
         ORDER BY ${sql.join(claimOrder.map((column) => sql`h.${sql.id(column)}`))}
         LIMIT ${options.limit}
         FOR UPDATE OF h SKIP LOCKED
       )
       UPDATE ${sql.id(table)} q SET ${sql.id(dueAt)} = ${new Date(now + options.leaseMs)}, attempts = q.attempts + 1
       FROM head${joined}
       WHERE q.${sql.id(id)} = head.${sql.id(id)}${joinedOn}
       RETURNING ${sql.join(options.returning.map((column) => sql.ref(column)))}`;
    return execute(this.dataSource, statement);
  }

  /** Tries a waiting row again after `delayMs`; `counts: false` gives back the attempt its claim counted (the failure was not the row's: a rate limit, a pause). */
  async retry(rowId: string, options: { delayMs: number; error: string; counts: boolean }): Promise<void> {
    const { table, id, dueAt } = this.queue;
    const dueAtMs = this.clock.now().getTime() + options.delayMs;
    await execute(
      this.dataSource,
      sql`UPDATE ${sql.id(table)} q SET ${sql.id(dueAt)} = ${new Date(dueAtMs)}, last_error = ${options.error.slice(0, ERROR_CHARS)},
            attempts = CASE WHEN ${options.counts} THEN q.attempts ELSE greatest(q.attempts - 1, 0) END
          WHERE q.${sql.id(id)} = ${rowId} AND ${this.waits(rowOf<DB, T>('q'))}`,
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

  /** The row waits: neither done nor given up. The literal 'pending' matches the partial indexes' predicate. */
  private waits(row: RowColumn<DB, T>): RawBuilder<SqlBool> {
    const { state } = this.queue;
    return 'status' in state ? sql`${row(state.status)} = 'pending'` : sql`${row(state.failedAt)} IS NULL`;
  }
}

/** The columns of the queue's row under `alias`. */
function rowOf<DB, T extends keyof DB>(alias: string): RowColumn<DB, T> {
  return (column) => sql.ref(`${alias}.${column}`);
}
