import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A PostgreSQL the process can reach by URL, and how to let go of it. */
export interface DatabaseHandle {
  url: string;
  /** True for the embedded database, whose work is serialised on one backend. */
  embedded: boolean;
  close(): Promise<void>;
}

/** Thrown when another live process already owns the embedded data folder. */
export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is in use by process ${pid}. ` +
        'Stop that process, or set DATABASE_URL to a PostgreSQL server to run several processes.',
    );
    this.name = 'DataDirInUseError';
  }
}

/** Socket connections the embedded server accepts; every pool in the process must fit under it. */
export const EMBEDDED_MAX_CONNECTIONS = 16;

/**
 * Opens PGlite and serves it over the Postgres wire protocol on a free loopback port,
 * so TypeORM and `pg` talk to it exactly as to a real server.
 * With `dataDir` the data persists there (one process owns it, guarded by a lock file);
 * without it, the database lives in memory, or starts from `loadDataDir` (a dump).
 */
export async function openEmbeddedDatabase(options: { dataDir?: string; loadDataDir?: Blob }): Promise<DatabaseHandle> {
  const releaseLock = options.dataDir ? lockDataDir(options.dataDir) : () => undefined;
  try {
    const dbDir = options.dataDir ? join(resolve(options.dataDir), 'pgdata') : undefined;
    const db = await PGlite.create({ dataDir: dbDir, loadDataDir: options.loadDataDir });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: EMBEDDED_MAX_CONNECTIONS });
    await server.start();
    const port = Number(server.getServerConn().split(':').pop());
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      embedded: true,
      async close() {
        await server.stop();
        await db.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** Connects to the configured server, or opens the embedded one in `dataDir`. */
export async function openDatabase(config: { databaseUrl?: string; dataDir: string }): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, close: () => Promise.resolve() };
  return openEmbeddedDatabase({ dataDir: config.dataDir });
}

// PGlite has no lock of its own and two processes opening one folder corrupt it.
function lockDataDir(dataDir: string): () => void {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const lockFile = join(dir, 'turbota.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) throw new DataDirInUseError(dir, owner);
      rmSync(lockFile, { force: true }); // left behind by a process that died
    }
  }
  throw new Error(`Could not lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
