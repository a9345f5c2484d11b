import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuthModule } from '@turbota/auth';
import { PiiCipher, PiiReseal } from '@turbota/privacy';
import { TriggersModule } from '@turbota/triggers';
import { PrivacyController } from './privacy.controller';
import { PrivacyWorker } from './privacy.worker';
import { RetentionPurge } from './retention-purge';

/** Key rotation (the re-seal endpoint) and the retention purge that every API process runs. */
@Module({
  imports: [AuthModule, TriggersModule],
  controllers: [PrivacyController],
  providers: [
    RetentionPurge,
    PrivacyWorker,
    { provide: PiiReseal, inject: [getDataSourceToken(), PiiCipher], useFactory: (dataSource: DataSource, cipher: PiiCipher) => new PiiReseal(dataSource, cipher) },
  ],
})
export class PrivacyApiModule {}
