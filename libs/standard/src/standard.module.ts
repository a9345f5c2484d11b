import { Module } from '@nestjs/common';
import { defaultStandardProvider } from './default-standard';
import { StandardService } from './standard.service';

/** The service standard: its versions, seeded from `config/standard.json` on first start. */
@Module({
  providers: [defaultStandardProvider, StandardService],
  exports: [StandardService],
})
export class StandardModule {}
