import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { DatabaseHandle, EMBEDDED_MAX_CONNECTIONS } from './embedded-database';
import { ADVISORY_LOCKS } from '@turbota/common';

/** Options shared by the application, the migration tool and the tests. */
export function dataSourceOptions(database: Pick<DatabaseHandle, 'url' | 'embedded'>, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: database.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: 'turbota',
    logging: false,
    extra: {
      // The embedded server takes a fixed number of sockets; leave room for the job queue.
      max: database.embedded ? Math.floor(EMBEDDED_MAX_CONNECTIONS / 2) : poolSize,
      connectionTimeoutMillis: 5_000,
    },
  };
}

/** Applies pending migrations under an advisory lock and answers the names it applied. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // Several processes starting at once migrate one by one.
    await runner.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCKS.migrations]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCKS.migrations]).catch(() => undefined);
    await runner.release();
  }
}

/** The SQL that would bring the database in line with the entities; empty when they agree. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((q) => q.query),
    down: log.downQueries.map((q) => q.query).reverse(),
  };
}
