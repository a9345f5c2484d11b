import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { execute } from '@turbota/persistence';

/** A column that refers to a customer. */
export interface CustomerReference {
  table: string;
  column: string;
}

/**
 * Every single-column foreign key to `customer` (optionally only the nullable ones), read
 * from the catalogue, so that merging and erasing customers reach the tables other features add.
 */
export function customerReferences(tx: EntityManager, options: { nullableOnly: boolean }): Promise<CustomerReference[]> {
  return execute(
    tx,
    sql<CustomerReference>`SELECT c.conrelid::regclass::text AS "table", a.attname AS "column"
     FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     WHERE c.contype = 'f' AND c.confrelid = 'customer'::regclass AND cardinality(c.conkey) = 1 AND (NOT ${options.nullableOnly} OR NOT a.attnotnull)
     ORDER BY 1, 2`,
  );
}
