import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { execute } from '@turbota/persistence';

/** A table's sealed columns (`<name>_sealed`), each with its blind index column (`<name>_index`) when it has one. */
export interface SealedTable {
  table: string;
  columns: { sealed: string; index: string | null; normalise: (plain: string) => string }[];
}

/**
 * Every table with sealed columns, read from the catalogue so that what later features seal
 * is re-sealed too. E-mails are matched case-blind, so their index is of the lower-cased value.
 */
export async function sealedTables(manager: EntityManager): Promise<SealedTable[]> {
  const columns = await execute(
    manager,
    sql<{ table: string; column: string }>`SELECT c.table_name AS "table", c.column_name AS "column" FROM information_schema.columns c
     WHERE c.table_schema = current_schema() AND c.data_type = 'bytea' AND (c.column_name LIKE '%\\_sealed' OR c.column_name LIKE '%\\_index')
       AND EXISTS (SELECT 1 FROM information_schema.columns k WHERE k.table_schema = c.table_schema AND k.table_name = c.table_name AND k.column_name = 'id' AND k.data_type = 'uuid')
     ORDER BY 1, 2`,
  );
  const tables = new Map<string, SealedTable>();
  const has = (table: string, column: string) => columns.some((c) => c.table === table && c.column === column);
  for (const { table, column } of columns) {
    if (!column.endsWith('_sealed')) continue;
    const name = column.slice(0, -'_sealed'.length);
    const entry = tables.get(table) ?? { table, columns: [] };
    entry.columns.push({
      sealed: column,
      index: has(table, `${name}_index`) ? `${name}_index` : null,
      normalise: name === 'email' ? (plain) => plain.toLowerCase() : (plain) => plain,
    });
    tables.set(table, entry);
  }
  return [...tables.values()];
}
