import { DynamicModule, Global, Module } from '@nestjs/common';
import { type Clock, CLOCK, systemClock } from './clock';
import { DIALOGUE_RANDOM, RANDOM, type RandomSource, RETRY_RANDOM } from './seeded-random';

/** Cross-cutting providers every module may inject (the clock, the random sources). */
@Global()
@Module({})
export class CommonModule {
  /** Tests pass a clock they move and seeded random sources; production the system's. */
  static forRoot(options: { clock?: Clock; random?: RandomSource; dialogueRandom?: RandomSource; retryRandom?: RandomSource } = {}): DynamicModule {
    return {
      module: CommonModule,
      global: true,
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: RANDOM, useValue: options.random ?? Math.random },
        { provide: DIALOGUE_RANDOM, useValue: options.dialogueRandom ?? Math.random },
        { provide: RETRY_RANDOM, useValue: options.retryRandom ?? Math.random },
      ],
      exports: [CLOCK, RANDOM, DIALOGUE_RANDOM, RETRY_RANDOM],
    };
  }
}
