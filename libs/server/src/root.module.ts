import { DynamicModule, Module, Type } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AppConfig, ConfigModule } from '@turbota/config';
import { CommonModule } from '@turbota/common';
import { DatabaseHandle, PersistenceModule } from '@turbota/persistence';
import { LoggingModule, ObservabilityModule } from '@turbota/observability';
import { PrivacyModule } from '@turbota/privacy';

/** What every process is made of, plus the feature modules of its role (API, bot, or both). */
export interface AppOptions {
  config: AppConfig;
  database: DatabaseHandle;
  features: Type[];
  /** Where logs go; standard output unless a test wants to read them. */
  logDestination?: DestinationStream;
}

@Module({})
export class RootModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: RootModule,
      imports: [
        ConfigModule.forRoot(options.config),
        CommonModule,
        LoggingModule.forRoot(options.config, options.logDestination),
        PersistenceModule.forRoot(options.database, { poolSize: options.config.databasePoolSize }),
        ObservabilityModule,
        PrivacyModule,
        ...options.features,
      ],
    };
  }
}
