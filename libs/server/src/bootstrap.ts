import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig } from '@turbota/config';
import { DataDirInUseError, openDatabase } from '@turbota/persistence';
import { AppLogger, createRootLogger, HealthService, shutdownTracing } from '@turbota/observability';
import { AppOptions, RootModule } from './root.module';
import { configureHttp } from './http-setup';
import type { SitePages } from './site-pages';
import { startUpLines } from './start-up-lines';

/** Builds and initialises an application without listening: the server and the tests share it. */
export async function createApp(options: AppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(RootModule.forRoot(options), {
    bufferLogs: true,
    rawBody: true, // webhook signatures are computed over the exact bytes received
    abortOnError: false,
  });
  app.useLogger(app.get(AppLogger));
  app.flushLogs();
  configureHttp(app);
  await app.init();
  return app;
}

const SHUTDOWN_GRACE_MS = 15_000;

/**
 * Runs one Turbota process: parses the environment (a wrong variable stops it with one
 * message naming it), opens the database, serves HTTP on PORT and says where to open its
 * pages, and on SIGTERM or SIGINT drains requests, then closes the database.
 */
export async function runServer(role: string, features: AppOptions['features'], pages: SitePages): Promise<void> {
  const early = createRootLogger('info').child({ role });
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    early.fatal(error.message);
    process.exit(1);
  }
  let database;
  try {
    database = await openDatabase(config);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    early.fatal(error.message);
    process.exit(1);
  }
  const app = await createApp({ config, database, features, pages });
  const logger = app.get(AppLogger);
  await app.listen(config.port);
  logger.log(
    `Turbota ${role} listening on port ${config.port} with ${database.embedded ? `the embedded database in ${config.dataDir}` : 'PostgreSQL'}`,
    'Server',
  );
  for (const line of startUpLines({ config, pages })) logger[line.level === 'warn' ? 'warn' : 'log'](line.msg, 'Server');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: draining requests`, 'Server');
    setTimeout(() => {
      logger.error(`Still busy after ${SHUTDOWN_GRACE_MS} ms; exiting`, undefined, 'Server');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await app.get(HealthService).drain(); // readiness fails before the server stops taking connections
    await app.close();
    await database.close();
    await shutdownTracing(); // exports the spans still buffered
    logger.log('Stopped cleanly', 'Server');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
