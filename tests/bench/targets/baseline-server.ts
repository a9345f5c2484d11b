import { Pool } from 'pg';
import { BASELINE_INSERT, BASELINE_TABLE, serveBareInserts } from './bare-insert-server';

/**
 * The physical baseline: a bare `node:http` server that checks the secret header and does one
 * INSERT per update into PostgreSQL, nothing else. What ingest costs without any product.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BENCH_POOL_SIZE ?? 10) });

async function main(): Promise<void> {
  await pool.query(BASELINE_TABLE);
  serveBareInserts(
    (updateId, chatId, body) => pool.query(BASELINE_INSERT, [updateId, chatId, body]),
    () => pool.end(),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
