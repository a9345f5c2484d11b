import { DynamicModule, Module, Type } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AppConfig, ConfigModule } from '@turbota/config';
import { type Clock, CommonModule, type RandomSource } from '@turbota/common';
import { DatabaseHandle, PersistenceModule } from '@turbota/persistence';
import { LoggingModule, ObservabilityModule } from '@turbota/observability';
import { PrivacyModule } from '@turbota/privacy';
import { homeRedirectController } from './home-redirect.controller';
import { ALL_PAGES, homeOf, type SitePages } from './site-pages';

/** What every process is made of, plus the feature modules of its role (API, bot, or both). */
export interface AppOptions {
  config: AppConfig;
  database: DatabaseHandle;
  features: Type[];
  /** The pages the features serve, for where `/` leads; both unless the process has one role. */
  pages?: SitePages;
  /** Where logs go; standard output unless a test wants to read them. */
  logDestination?: DestinationStream;
  /** The time every service reads; the system clock unless a test moves it. */
  clock?: Clock;
  /** Where sampling's random draws come from; `Math.random` unless a test seeds it. */
  random?: RandomSource;
  /** Where the dialogue's random draws come from (questions, phrase variants); `Math.random` unless a test seeds it. */
  dialogueRandom?: RandomSource;
  /** Where the queues' retry jitter comes from; `Math.random` unless a test seeds it. */
  retryRandom?: RandomSource;
}

@Module({})
export class RootModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: RootModule,
      imports: [
        ConfigModule.forRoot(options.config),
        CommonModule.forRoot({ clock: options.clock, random: options.random, dialogueRandom: options.dialogueRandom, retryRandom: options.retryRandom }),
        LoggingModule.forRoot(options.config, options.logDestination),
        PersistenceModule.forRoot(options.database, { poolSize: options.config.databasePoolSize }),
        ObservabilityModule,
        PrivacyModule,
        ...options.features,
      ],
      controllers: [homeRedirectController(homeOf(options.pages ?? ALL_PAGES))],
    };
  }
}
