import { Logger } from '@nestjs/common';
import { type RawBuilder, sql } from 'kysely';
import type { DataSource, EntityManager } from 'typeorm';
import { execute } from '@turbota/persistence';
import { PiiCipher, PiiDecryptionError } from './pii-cipher';
import { PiiKeyLedger } from './pii-key-ledger';
import { type SealedTable, sealedTables } from './sealed-tables';

/** What a re-seal run did. */
export interface ResealCounts {
  /** Rows whose sealed values were re-sealed under the current key (and their indexes recomputed). */
  rows: number;
  /** Rows that could not be opened with any configured key: they are left as they are, and named in the log by table. */
  failed: number;
  /** Rows still sealed under an older key when the run ended (another process holds them, or they failed). */
  remaining: number;
}

const BATCH = 200;

/**
 * Re-seals every sealed value with the current key and recomputes its blind index, so that
 * once it has run the previous keys can be dropped. Works in short transactions of keyset
 * batches claimed with `SKIP LOCKED`: any number of processes may run it at once, and a run
 * that stops half-way is simply run again (it only touches rows not yet under the current key).
 */
export class PiiReseal {
  private readonly logger = new Logger('Privacy');

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  async run(options: { shouldStop?: () => boolean; maxRows?: number } = {}): Promise<ResealCounts> {
    const counts: ResealCounts = { rows: 0, failed: 0, remaining: 0 };
    const maxRows = options.maxRows ?? Infinity;
    for (const table of await sealedTables(this.dataSource.manager)) {
      let after: string | null = null;
      while (!options.shouldStop?.() && counts.rows + counts.failed < maxRows) {
        const batch: { last: string | null; rows: number; failed: number } = await this.dataSource.transaction((tx) => this.batch(tx, table, after));
        counts.rows += batch.rows;
        counts.failed += batch.failed;
        if (batch.last === null) break;
        after = batch.last;
      }
      counts.remaining += await this.remaining(table);
    }
    if (counts.failed > 0) this.logger.warn(`Re-seal: ${counts.failed} rows are sealed with a key that is not configured; they stay as they are`);
    // Nothing is left under another key: a process no longer needs the previous keys to start.
    if (counts.remaining === 0 && counts.failed === 0) await new PiiKeyLedger(this.dataSource, this.cipher).retireAllButCurrent();
    return counts;
  }

  /** Rows of every sealed table not yet sealed under the current key. */
  async remainingRows(): Promise<number> {
    let total = 0;
    for (const table of await sealedTables(this.dataSource.manager)) total += await this.remaining(table);
    return total;
  }

  private async batch(tx: EntityManager, table: SealedTable, after: string | null): Promise<{ last: string | null; rows: number; failed: number }> {
    const cols = sql.join(table.columns.map((c) => sql.id(c.sealed)));
    const rows = await execute(
      tx,
      sql<Record<string, Buffer | string | null>>`SELECT id, ${cols} FROM ${sql.id(table.table)}
       WHERE (${after}::uuid IS NULL OR id > ${after}::uuid) AND (${staleCondition(table, this.cipher.currentKeyId)})
       ORDER BY id LIMIT ${sql.lit(BATCH)} FOR UPDATE SKIP LOCKED`,
    );
    let done = 0;
    let failed = 0;
    for (const row of rows) {
      const sets: RawBuilder<unknown>[] = [];
      try {
        for (const column of table.columns) {
          const sealed = row[column.sealed] as Buffer | null;
          if (!sealed || this.cipher.isCurrent(sealed)) continue;
          const plain = this.cipher.open(sealed);
          sets.push(sql`${sql.id(column.sealed)} = ${this.cipher.seal(plain)}`);
          if (column.index) sets.push(sql`${sql.id(column.index)} = ${this.cipher.blindIndex(column.normalise(plain))}`);
        }
      } catch (error) {
        if (!(error instanceof PiiDecryptionError)) throw error;
        failed++;
        continue;
      }
      if (sets.length > 0) await execute(tx, sql`UPDATE ${sql.id(table.table)} SET ${sql.join(sets)} WHERE id = ${row.id}`);
      done++;
    }
    return { last: rows.length < BATCH ? null : (rows.at(-1)!.id as string), rows: done, failed };
  }

  private async remaining(table: SealedTable): Promise<number> {
    const [{ n }] = await execute(
      this.dataSource,
      sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.id(table.table)} WHERE ${staleCondition(table, this.cipher.currentKeyId)}`,
    );
    return n;
  }
}

/** A value's key id sits in bytes 2-5 (after the format version): a row is stale when any value's differs from the current. */
function staleCondition(table: SealedTable, keyId: Buffer): RawBuilder<boolean> {
  return sql<boolean>`${sql.join(
    table.columns.map((c) => sql`substring(${sql.id(c.sealed)} from 2 for 4) <> ${keyId}::bytea`),
    sql` OR `,
  )}`;
}
