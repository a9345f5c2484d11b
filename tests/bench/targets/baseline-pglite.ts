import { PGlite } from '@electric-sql/pglite';
import { BASELINE_INSERT, BASELINE_TABLE, serveBareInserts } from './bare-insert-server';

/**
 * The physical baseline of the embedded database: a bare `node:http` server that checks the
 * secret header and does one INSERT per update into PGlite in its own process (the embedded
 * PostgreSQL `npm start` runs on), nothing else.
 */
async function main(): Promise<void> {
  const db = await PGlite.create({ dataDir: process.env.BENCH_DATA_DIR });
  await db.query(BASELINE_TABLE);
  serveBareInserts(
    (updateId, chatId, body) => db.query(BASELINE_INSERT, [updateId, chatId, body]),
    () => db.close(),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
