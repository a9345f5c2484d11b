import { Client } from 'pg';

/** A PostgreSQL database of the bench's own, created for one run and dropped after it. */
export interface BenchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * Creates `turbota_bench_<pid>_<scenario>` on the server of BENCH_POSTGRES_URL (default: the local
 * trust-auth server), so that a run never touches the tables of another database and no scenario
 * inherits another's leftovers (an outbox still draining, say).
 */
export async function createBenchDatabase(scenario: string): Promise<BenchDatabase> {
  const server = new URL(process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `turbota_bench_${process.pid}_${scenario}`;
  await maintenance(server, `DROP DATABASE IF EXISTS ${name}`);
  await maintenance(server, `CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    // WITH (FORCE) ends sessions a crashed target may have left behind (PostgreSQL 13+).
    drop: () => maintenance(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Answers one SQL query on the bench database. */
export async function queryOnce<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The server's version string, for BENCHMARKS.md. */
export async function postgresVersion(url: string): Promise<string> {
  const [row] = await queryOnce<{ server_version: string }>(url, 'SHOW server_version');
  return row.server_version;
}

async function maintenance(server: URL, sql: string): Promise<void> {
  const client = new Client({ connectionString: server.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
