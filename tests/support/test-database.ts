import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { waitFor } from './wait-for';
import { createScratchDatabase, DatabaseHandle, dataSourceOptions, MIGRATIONS, openEmbeddedDatabase, runMigrations, withClient } from '@turbota/persistence';

// initdb takes seconds on PGlite, and the migrations seconds more on every test app: each test
// file starts from a copy of one migrated cluster (or of one empty cluster, where the migrations
// themselves are under test) made once per machine and per set of migrations.
const PGLITE_VERSION = (
  JSON.parse(readFileSync(join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
const TEMPLATE = join(tmpdir(), `turbota-pglite-${PGLITE_VERSION}.tar`);

/** Changes whenever a migration is added, renamed or edited. */
const MIGRATIONS_HASH = createHash('sha256')
  .update(MIGRATIONS.map((m) => `${m.name}\n${String(m.prototype.up)}\n${String(m.prototype.down)}`).join('\n'))
  .digest('hex')
  .slice(0, 12);
const MIGRATED_TEMPLATE = join(tmpdir(), `turbota-pglite-${PGLITE_VERSION}-migrated-${MIGRATIONS_HASH}.tar`);
const SERVER_TEMPLATE_PREFIX = 'turbota_template_';
const SERVER_TEMPLATE = `${SERVER_TEMPLATE_PREFIX}${MIGRATIONS_HASH}`;

/** Writes a file whole or not at all, so that parallel workers never read half of one. */
function writeAtomically(path: string, bytes: ArrayBuffer): void {
  const partial = `${path}.${process.pid}`;
  writeFileSync(partial, Buffer.from(bytes));
  renameSync(partial, path);
}

/** Writes the empty-cluster template once per machine. */
export async function ensureEmbeddedTemplate(): Promise<void> {
  if (existsSync(TEMPLATE)) return;
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('none');
  await db.close();
  writeAtomically(TEMPLATE, await dump.arrayBuffer());
}

async function migrate(database: DatabaseHandle): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(database));
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Writes the migrated-cluster template once per machine and set of migrations, dropping older ones. */
async function ensureEmbeddedMigratedTemplate(): Promise<void> {
  if (existsSync(MIGRATED_TEMPLATE)) return;
  await ensureEmbeddedTemplate();
  const database = await openEmbeddedDatabase({ loadDataDir: new Blob([readFileSync(TEMPLATE)]) });
  try {
    await migrate(database);
    writeAtomically(MIGRATED_TEMPLATE, await (await database.dump!()).arrayBuffer());
  } finally {
    await database.close();
  }
  const stale = readdirSync(tmpdir()).filter((f) => f.startsWith(`turbota-pglite-${PGLITE_VERSION}-migrated-`) && f.endsWith('.tar') && join(tmpdir(), f) !== MIGRATED_TEMPLATE);
  for (const file of stale) rmSync(join(tmpdir(), file), { force: true });
}

/**
 * Makes the migrated template database on the PostgreSQL server once per set of migrations:
 * built under another name and renamed when complete, under an advisory lock so that parallel
 * workers build it once; older templates are dropped.
 */
async function ensureServerTemplate(serverUrl: string): Promise<void> {
  const exists = (client: Client, name: string) => client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]).then((r) => (r.rowCount ?? 0) > 0);
  if (await withClient(serverUrl, (client) => exists(client, SERVER_TEMPLATE))) return;
  await withClient(serverUrl, async (client) => {
    await client.query(`SELECT pg_advisory_lock(hashtext('turbota test template'))`);
    try {
      if (await exists(client, SERVER_TEMPLATE)) return;
      const scratch = await createScratchDatabase(serverUrl, 'template');
      try {
        await migrate(scratch);
        const name = new URL(scratch.url).pathname.slice(1);
        // The migration's connections end a moment after the client lets go of them.
        await waitFor(() => client.query(`ALTER DATABASE "${name}" RENAME TO "${SERVER_TEMPLATE}"`).then(() => true, () => undefined));
      } catch (error) {
        await scratch.close();
        throw error;
      }
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2', [`${SERVER_TEMPLATE_PREFIX}%`, SERVER_TEMPLATE]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('turbota test template'))`);
    }
  });
}

/** Makes both templates of the database kind under test (Jest's global setup, before the workers start). */
export async function ensureTemplates(): Promise<void> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) await ensureServerTemplate(server);
  else await ensureEmbeddedMigratedTemplate();
}

/**
 * A database of its own for one test file: a new database on the PostgreSQL server named by
 * TEST_DATABASE_URL, or else a fresh embedded one; empty, not yet migrated, dropped on close.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) return createScratchDatabase(server, 'test');
  await ensureEmbeddedTemplate();
  return openEmbeddedDatabase({ loadDataDir: new Blob([readFileSync(TEMPLATE)]) });
}

/** As `openTestDatabase`, but with every migration applied already (a copy of the template). */
export async function openMigratedTestDatabase(): Promise<DatabaseHandle> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    await ensureServerTemplate(server);
    return createScratchDatabase(server, 'test', { template: SERVER_TEMPLATE });
  }
  await ensureEmbeddedMigratedTemplate();
  return openEmbeddedDatabase({ loadDataDir: new Blob([readFileSync(MIGRATED_TEMPLATE)]) });
}

/** Which database the suite runs against, for test names. */
export const databaseKind = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
