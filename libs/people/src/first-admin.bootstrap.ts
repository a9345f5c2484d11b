import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { execute, PersonEntity } from '@turbota/persistence';
import { consoleLink } from './console-links';
import { PersonTokens } from './person-tokens';
import { removeSetupLinkFile, writeSetupLinkFile } from './setup-link-file';

/**
 * Lets exactly one person create the first admin: while no person exists, each start of the
 * API makes a new one-time setup link (the previous one stops working) and writes it to the
 * log and to `DATA_DIR/setup-url`, readable by the owner only. Whoever merely reaches the
 * server first cannot take it over. Once a person exists the file is removed.
 */
@Injectable()
export class FirstAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('People');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: PersonTokens,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const token = await this.dataSource.transaction(async (tx) => {
      await lockPeople(tx);
      if (await tx.exists(PersonEntity)) return null;
      return (await this.tokens.issue(tx, 'setup', null)).token;
    });
    if (token === null) {
      removeSetupLinkFile(this.config.dataDir);
      return;
    }
    const link = consoleLink(this.config.publicUrl ?? `http://localhost:${this.config.port}`, 'setup', token);
    const file = writeSetupLinkFile(this.config.dataDir, link);
    this.logger.warn(`No one can sign in to the console yet: open ${link} to create the first admin (the link is also in ${file}; it works once)`);
  }
}

/**
 * Takes the people table's turn: the setup at start-up and the first admin's creation run one
 * at a time across processes, so a setup link is never issued beside a person being created.
 */
export async function lockPeople(tx: EntityManager): Promise<void> {
  await execute(tx, sql`LOCK TABLE ${sql.id('person')} IN SHARE ROW EXCLUSIVE MODE`);
}
