import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@turbota/config';
import { ApiKeyEntity, execute } from '@turbota/persistence';
import { ADVISORY_LOCKS, Clock, CLOCK } from '@turbota/common';
import { ApiKeyHasher } from './api-key-hasher';
import { ApiKeyService, hashedWith, upgradeHash } from './api-key.service';

/** File in DATA_DIR that receives the generated admin key when ADMIN_API_KEY is not set. */
export const GENERATED_ADMIN_KEY_FILE = 'admin-api-key';

/**
 * Makes sure an admin can reach the API: registers ADMIN_API_KEY (revoking an earlier one
 * taken from the variable, so changing it rotates the key), or, when it is unset and no
 * admin key exists, generates one into `DATA_DIR/admin-api-key` (readable by the owner only).
 */
@Injectable()
export class AdminKeyBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly hasher: ApiKeyHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      // Several processes may start at once against one database; they take turns here.
      await execute(tx, sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.adminKeyBootstrap})`);
      if (this.config.adminApiKey) await this.registerConfiguredKey(tx, this.config.adminApiKey);
      else await this.generateKeyIfNoAdmin(tx);
    });
  }

  private async registerConfiguredKey(tx: EntityManager, key: string): Promise<void> {
    const repo = tx.getRepository(ApiKeyEntity);
    // Found under any hash it may carry: the current keyed one, a previous PII key's, or a plain SHA-256 from before.
    const existing = await repo.findOne({ where: { keyHash: In(this.hasher.candidates(key)) } });
    if (existing?.revokedAt) {
      this.logger.warn('ADMIN_API_KEY has been revoked through the API; set a new value to use it again');
      return;
    }
    if (existing) {
      await upgradeHash(repo, existing, key, this.hasher);
      return;
    }
    await repo.update({ source: 'env', revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    const stored = hashedWith(this.hasher, key);
    await repo.insert({ name: 'ADMIN_API_KEY', role: 'admin', source: 'env', ...stored });
    // A fixed-length keyed fingerprint, as the API lists it: no character of the key.
    this.logger.log(`Registered ADMIN_API_KEY (${stored.keyFingerprint}) as an admin key`);
  }

  private async generateKeyIfNoAdmin(tx: EntityManager): Promise<void> {
    const repo = tx.getRepository(ApiKeyEntity);
    if (await repo.exists({ where: { role: 'admin', revokedAt: IsNull() } })) return;
    const key = ApiKeyService.generate();
    await repo.insert({ name: 'generated at first start', role: 'admin', source: 'generated', ...hashedWith(this.hasher, key) });
    const dir = resolve(this.config.dataDir);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, GENERATED_ADMIN_KEY_FILE);
    writeFileSync(file, `${key}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    this.logger.warn(`No admin API key existed: generated one into ${file} (or set ADMIN_API_KEY)`);
  }
}
