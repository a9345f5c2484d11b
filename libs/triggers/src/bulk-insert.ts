import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { type Database, execute } from '@turbota/persistence';

/** A column written by `insertRows`: the row's property, the table's column, its SQL type. */
export type BulkColumn<T> = [key: keyof T & string, column: string, type: string];

/**
 * Inserts many rows in one statement with one array parameter per column (`unnest`), where a
 * VALUES list would bind a parameter per cell: far cheaper to parse and plan for thousands of
 * rows, and never near PostgreSQL's limit of bind parameters. Columns left out take their defaults.
 */
export async function insertRows<T>(tx: EntityManager, table: keyof Database, columns: BulkColumn<T>[], rows: Partial<T>[], suffix = ''): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.join(columns.map(([, column]) => sql.id(column)));
  const arrays = sql.join(columns.map(([key, , type]) => sql`${rows.map((row) => row[key] ?? null)}::${sql.raw(type)}[]`));
  await execute(tx, sql`INSERT INTO ${sql.id(table)} (${names}) SELECT * FROM unnest(${arrays}) ${sql.raw(suffix)}`);
}
