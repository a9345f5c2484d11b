import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createScratchDatabase, DatabaseHandle, openEmbeddedDatabase } from '@turbota/persistence';

// initdb takes seconds on PGlite; every test file starts from a copy of one empty cluster instead.
const PGLITE_VERSION = (
  JSON.parse(readFileSync(join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
const TEMPLATE = join(tmpdir(), `turbota-pglite-${PGLITE_VERSION}.tar`);

/** Writes the empty-cluster template once per machine (atomically, so parallel runs do not race). */
export async function ensureEmbeddedTemplate(): Promise<void> {
  if (existsSync(TEMPLATE)) return;
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('none');
  await db.close();
  const partial = `${TEMPLATE}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, TEMPLATE);
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

/** Which database the suite runs against, for test names. */
export const databaseKind = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
