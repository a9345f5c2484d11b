import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@turbota/config';
import { PiiCipher } from './pii-cipher';
import { PiiKeyCheck } from './pii-key.check';
import { piiCipherFrom } from './pii-key-source';

/** The PII cipher for every module, and the check, before the process serves, that its keys fit the database. */
@Global()
@Module({
  providers: [{ provide: PiiCipher, inject: [APP_CONFIG], useFactory: (config: AppConfig) => piiCipherFrom(config) }, PiiKeyCheck],
  exports: [PiiCipher],
})
export class PrivacyModule {}
