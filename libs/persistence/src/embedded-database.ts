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
  /** The embedded database's whole cluster as a tarball, which `loadDataDir` opens again. */
  dump?(): Promise<Blob>;
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
    keepExtendedQueriesWhole(db);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: EMBEDDED_MAX_CONNECTIONS });
    await server.start();
    const port = Number(server.getServerConn().split(':').pop());
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      embedded: true,
      dump: () => db.dumpDataDir('none'),
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

// Wire protocol message types that end what a client sent: Sync (extended query), Query (simple), Terminate.
const BATCH_ENDS = new Set(['S', 'Q', 'X'].map((c) => c.charCodeAt(0)));

/**
 * All socket clients share PGlite's one session, and the socket server interleaves their
 * messages one by one unless a transaction is open. A parameterised query outside a
 * transaction is several messages (Parse, Bind, Execute, Sync) on the session's one unnamed
 * statement and portal: interleaved with another client's, one client's Execute runs the
 * other's bound portal (an outbox claim for one channel got another channel's rows). The
 * server keeps a client's messages together while `isInTransaction()` says so; saying so
 * from a client's Parse to its Sync keeps each query whole too.
 */
function keepExtendedQueriesWhole(db: PGlite): void {
  let batchOpen = false;
  const isInTransaction = db.isInTransaction.bind(db);
  const execProtocolRawStream = db.execProtocolRawStream.bind(db);
  db.isInTransaction = () => batchOpen || isInTransaction();
  db.execProtocolRawStream = (message, options) => {
    // A startup packet begins with its length, whose first byte is 0: it opens nothing.
    batchOpen = message[0] !== 0 && !BATCH_ENDS.has(message[0]);
    return execProtocolRawStream(message, options);
  };
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
