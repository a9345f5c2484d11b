import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchDatabase } from './bench-database';
import type { BenchOptions } from './options';
import type { ScenarioResult } from './report';
import { BENCH_SECRET, BENCH_TOKEN } from './updates';

/** What every scenario gets: the sizes, its own database, and a progress line writer. */
export interface BenchContext {
  options: BenchOptions;
  database: BenchDatabase;
  log(message: string): void;
}

/** One benchmark: measures and answers its table, never asserts. */
export type Scenario = (context: BenchContext) => Promise<ScenarioResult>;

export const BENCH_ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

/** The environment a Turbota process gets in the bench: the bench database and the fake Bot API. */
export function turbotaEnv(context: BenchContext, apiRoot: string): Record<string, string> {
  return {
    DATABASE_URL: context.database.url,
    // Nothing may land in ./data: the embedded database there may belong to someone's dev run.
    DATA_DIR: mkdtempSync(join(tmpdir(), 'turbota-bench-')),
    ADMIN_API_KEY: BENCH_ADMIN_KEY,
    PII_ENCRYPTION_KEY: 'b'.repeat(64),
    TELEGRAM_BOT_TOKEN: BENCH_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET,
    TELEGRAM_API_ROOT: apiRoot,
    // The bench posts the updates as Telegram's webhook would.
    TELEGRAM_MODE: 'webhook',
    DEFAULT_LOCALE: 'en',
  };
}

/** Reads the fake Bot API's counters. */
export async function fakeStats<T>(fakeUrl: string): Promise<T> {
  return (await fetch(`${fakeUrl}/stats`)).json() as Promise<T>;
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A scenario that cannot run yet, saying why, so the table shows the gap instead of hiding it. */
export function notRunnable(name: string, title: string, why: string): ScenarioResult {
  return { name, title, columns: ['status'], rows: [[`not run: ${why}`]], verdicts: [], notes: [], raw: { skipped: why } };
}
