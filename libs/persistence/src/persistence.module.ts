import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from './data-source';
import { DatabaseHandle } from './embedded-database';

/** Injection token of the {@link DatabaseHandle} the process was started with. */
export const DATABASE_HANDLE = Symbol('DATABASE_HANDLE');

/** TypeORM on the given database, migrated to the newest schema before anything uses it. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(database: DatabaseHandle, options: { poolSize?: number } = {}): DynamicModule {
    const logger = new Logger('Database');
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(database, options.poolSize), retryAttempts: 5, retryDelay: 2_000 }),
          dataSourceFactory: async (dataSourceOpts) => {
            const dataSource = await new DataSource(dataSourceOpts!).initialize();
            const applied = await runMigrations(dataSource);
            logger.log(
              applied.length > 0 ? `Applied migrations: ${applied.join(', ')}` : 'Schema is up to date',
            );
            return dataSource;
          },
        }),
      ],
      providers: [{ provide: DATABASE_HANDLE, useValue: database }],
      exports: [DATABASE_HANDLE],
    };
  }
}
