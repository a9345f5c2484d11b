import { DynamicModule, Global, Module } from '@nestjs/common';
import { type Clock, CLOCK, systemClock } from './clock';
import { RANDOM, type RandomSource } from './seeded-random';

/** Cross-cutting providers every module may inject (the clock, the random source). */
@Global()
@Module({})
export class CommonModule {
  /** Tests pass a clock they move and a seeded random source; production the system's. */
  static forRoot(options: { clock?: Clock; random?: RandomSource } = {}): DynamicModule {
    return {
      module: CommonModule,
      global: true,
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: RANDOM, useValue: options.random ?? Math.random },
      ],
      exports: [CLOCK, RANDOM],
    };
  }
}
