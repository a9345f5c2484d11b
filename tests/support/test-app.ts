import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Clock, RandomSource } from '@turbota/common';
import { loadConfig } from '@turbota/config';
import { DatabaseHandle } from '@turbota/persistence';
import { createApp } from '@turbota/server';
import { ApiModule } from '../../apps/api/src/api.module';
import { BotModule } from '../../apps/bot/src/bot.module';
import { LogCapture } from './log-capture';
import { openMigratedTestDatabase } from './test-database';

export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';
/**
 * The PII key of every test app unless a test sets its own: restarts over the same database
 * must keep the key (a process with another one refuses to start). `PII_ENCRYPTION_KEY: ''`
 * leaves it unset, so a key is generated into the app's fresh DATA_DIR.
 */
export const TEST_PII_KEY = '5e'.repeat(32);

export interface TestApp {
  app: NestExpressApplication;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  database: DatabaseHandle;
  logs: LogCapture;
  /** Stops the application; the database stays open unless `closeDatabase`. */
  close(options?: { closeDatabase?: boolean }): Promise<void>;
}

/**
 * Starts the whole application in this process on a free port, on a fresh, migrated test database
 * (or the one given, to restart over the same data), with logs captured at debug level.
 */
export async function startTestApp(
  options: { env?: Record<string, string>; database?: DatabaseHandle; features?: Type[]; clock?: Clock; random?: RandomSource; dialogueRandom?: RandomSource; retryRandom?: RandomSource } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'turbota-test-'));
  // Telegram by webhook unless a test polls (TELEGRAM_MODE: 'polling'): the tests post its updates.
  const defaults = { LOG_LEVEL: 'debug', DATA_DIR: dataDir, ADMIN_API_KEY: TEST_ADMIN_KEY, PII_ENCRYPTION_KEY: TEST_PII_KEY, API_CHECK_RESPONSES: 'true', TELEGRAM_MODE: 'webhook' };
  const config = loadConfig({ ...defaults, ...options.env });
  const database = options.database ?? (await openMigratedTestDatabase());
  const logs = new LogCapture();
  const app = await createApp({ config, database, features: options.features ?? [ApiModule, BotModule], logDestination: logs, clock: options.clock, random: options.random, dialogueRandom: options.dialogueRandom, retryRandom: options.retryRandom });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    database,
    logs,
    async close({ closeDatabase = true } = {}) {
      await app.close();
      if (closeDatabase) await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `Authorization` header for a key. */
export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

/** What `apiCall` sends: a method (GET), a body as JSON, the key (the admin's) and more headers. */
export interface ApiCallInit {
  method?: string;
  body?: unknown;
  key?: string;
  headers?: Record<string, string>;
}

/** A JSON request to the app's API with an API key. */
export function apiCall(baseUrl: string, path: string, init: ApiCallInit = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'Content-Type': 'application/json', ...bearer(init.key ?? TEST_ADMIN_KEY), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}
