import { join, resolve } from 'node:path';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@turbota/config';
import { PiiCipher } from './pii-cipher';
import { PiiKeyLedger } from './pii-key-ledger';
import { GENERATED_PII_KEY_FILE } from './pii-key-source';

/** Before the process serves: refuses to start when its PII keys cannot open what the database holds. */
@Injectable()
export class PiiKeyCheck implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): Promise<void> {
    const generatedKeyFile = this.config.piiEncryptionKey ? undefined : join(resolve(this.config.dataDir), GENERATED_PII_KEY_FILE);
    return new PiiKeyLedger(this.dataSource, this.cipher).verify({ generatedKeyFile });
  }
}
