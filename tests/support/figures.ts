import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseKind } from './test-database';

const DIR = join(__dirname, '..', '..', 'test-artifacts', 'reliability');

/**
 * Records what a test measured in `test-artifacts/reliability/<area>.json`, under
 * `section` and the database it ran on, keeping everything else there, so docs/reliability.md can
 * quote a run of both suites. Test files run in parallel workers: the read-merge-write holds
 * a lock file (a stale one is taken over) and the file is replaced whole.
 */
export function recordFigures(area: string, section: string, figures: Record<string, unknown>): void {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `${area}.json`);
  withLock(`${file}.lock`, () => {
    let all: Record<string, Record<string, unknown>> = {};
    try {
      if (existsSync(file)) all = JSON.parse(readFileSync(file, 'utf8')) as typeof all;
    } catch {
      all = {}; // a file left half written by an older run
    }
    all[section] = { ...all[section], [databaseKind]: { ...figures, recordedAt: new Date().toISOString() } };
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, `${JSON.stringify(all, null, 2)}\n`);
    renameSync(partial, file);
  });
}

function withLock(lock: string, work: () => void): void {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      if (lockAgeMs(lock) > 10_000 || Date.now() > deadline) rmSync(lock, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** How old the lock file is; 0 when it is gone (another worker just released it). */
function lockAgeMs(lock: string): number {
  try {
    return Date.now() - statSync(lock).mtimeMs;
  } catch {
    return 0;
  }
}
