import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@turbota/config';
import { AppLogger } from '@turbota/observability';
import type { DatabaseHandle } from '@turbota/persistence';
import { RootModule } from '@turbota/server';
import { ApiModule } from '../../apps/api/src/api.module';
import { BotModule } from '../../apps/bot/src/bot.module';
import { LogCapture } from './log-capture';
import { TEST_ADMIN_KEY, TEST_PII_KEY } from './test-app';

/** What a start that was refused left: its error and its log lines. */
export interface RefusedStart {
  error: Error;
  logs: LogCapture;
}

/**
 * Starts the whole application over `database` as `startTestApp` would, expecting its
 * start-up to fail; closes whatever it had opened (its connections) and answers the error.
 * Throws when it starts after all.
 */
export async function refusedStart(options: { database: DatabaseHandle; env?: Record<string, string> }): Promise<RefusedStart> {
  const dataDir = mkdtempSync(join(tmpdir(), 'turbota-test-'));
  const config = loadConfig({ LOG_LEVEL: 'debug', DATA_DIR: dataDir, ADMIN_API_KEY: TEST_ADMIN_KEY, PII_ENCRYPTION_KEY: TEST_PII_KEY, ...options.env });
  const logs = new LogCapture();
  const app = await NestFactory.create(RootModule.forRoot({ config, database: options.database, features: [ApiModule, BotModule], logDestination: logs }), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(AppLogger));
  app.flushLogs();
  try {
    await app.init();
  } catch (error) {
    return { error: error as Error, logs };
  } finally {
    await app.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
  throw new Error('The application started, though it was expected to refuse');
}
