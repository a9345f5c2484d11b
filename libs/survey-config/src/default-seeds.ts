import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { CONFIG_SEEDS_ACTOR } from '@turbota/audit';
import { ADVISORY_LOCKS, InvalidInputError, projectPath } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { execute, QuestionPoolEntity, SurveyPolicyEntity } from '@turbota/persistence';
import { QuestionPoolService } from './question-pool.service';
import { type PolicySeed, type PoolSeed, readSeedFiles } from './seed-files';
import { SurveyPolicyService } from './survey-policy.service';

/**
 * Applies the defaults in `config/pools` and `config/policies` on start-up, each once: a seed
 * whose key is in the database is never applied again, so an admin's edit or archive stands.
 * A file that fails its checks stops start-up ({@link SeedError}).
 */
@Injectable()
export class DefaultSeeds implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seeds');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pools: QuestionPoolService,
    private readonly policies: SurveyPolicyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seeds = readSeedFiles(projectPath('config'), this.config.supportedLocales);
    await this.dataSource.transaction(async (tx) => {
      // Several processes may start at once against one database; they take turns here.
      await execute(tx, sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.seeds})`);
      for (const seed of seeds.pools) await this.seedPool(tx, seed);
      for (const seed of seeds.policies) await this.seedPolicy(tx, seed);
    });
  }

  private async seedPool(tx: EntityManager, seed: PoolSeed): Promise<void> {
    if (await tx.existsBy(QuestionPoolEntity, { seedKey: seed.seedKey })) return;
    // Checked before inserting: a failed insert would abort the whole transaction.
    if (await tx.existsBy(QuestionPoolEntity, { name: seed.name })) return this.skip(seed, `a question pool named "${seed.name}" exists already`);
    const { name, description, questions, locales, seedKey } = seed;
    await this.pools.create({ name, description, questions, locales, seedKey }, CONFIG_SEEDS_ACTOR, tx);
    this.logger.log(`Seeded the question pool "${seed.name}" from config/${seed.file}`);
  }

  private async seedPolicy(tx: EntityManager, seed: PolicySeed): Promise<void> {
    if (await tx.existsBy(SurveyPolicyEntity, { seedKey: seed.seedKey })) return;
    const pool = await tx.findOneBy(QuestionPoolEntity, { seedKey: seed.pool });
    if (!pool) return this.skip(seed, `its pool "${seed.pool}" was not seeded`);
    if (pool.status !== 'active') return this.skip(seed, `its pool "${pool.name}" is archived`);
    if (await tx.existsBy(SurveyPolicyEntity, { name: seed.settings.name })) {
      return this.skip(seed, `a survey policy named "${seed.settings.name}" exists already`);
    }
    try {
      await this.policies.create({ ...seed.settings, poolId: pool.id }, { by: CONFIG_SEEDS_ACTOR, seedKey: seed.seedKey }, tx);
    } catch (error) {
      // An admin changed the pool so that the policy no longer fits it: their pool stands.
      if (error instanceof InvalidInputError) return this.skip(seed, error.message);
      throw error;
    }
    this.logger.log(`Seeded the survey policy "${seed.settings.name}" from config/${seed.file}`);
  }

  /** A seed that conflicts with what an admin made is left out, and the log says why. */
  private skip(seed: PoolSeed | PolicySeed, why: string): void {
    this.logger.warn(`Not seeding config/${seed.file}: ${why}`);
  }
}
