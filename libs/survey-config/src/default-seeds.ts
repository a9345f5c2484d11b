import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { projectPath } from '@turbota/common';
import { QuestionPoolEntity, SurveyPolicyEntity } from '@turbota/persistence';
import { QuestionPoolService } from './question-pool.service';
import { SurveyPolicyService } from './survey-policy.service';

// Several processes may start at once against one database; they take turns here.
const SEED_LOCK = 7_390_451_240;

interface PoolSeed {
  seedKey: string;
  name: string;
  description?: string;
  questions: unknown;
}

interface PolicySeed {
  seedKey: string;
  /** The seed key of the pool the policy uses. */
  pool: string;
  settings: Record<string, unknown>;
}

/** Thrown when a file in `config/` cannot be applied; start-up stops with the file and the problem. */
export class SeedError extends Error {
  constructor(file: string, problem: string) {
    super(`config/${file}: ${problem}`);
    this.name = 'SeedError';
  }
}

/**
 * Applies the defaults in `config/pools` and `config/policies` on start-up, each once: a seed
 * whose key is in the database is never applied again, so an admin's edit or archive stands.
 */
@Injectable()
export class DefaultSeeds implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seeds');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pools: QuestionPoolService,
    private readonly policies: SurveyPolicyService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const pools = readSeeds<PoolSeed>('pools');
    const policies = readSeeds<PolicySeed>('policies');
    await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
      for (const [file, seed] of pools) await this.seedPool(tx, file, seed);
      for (const [file, seed] of policies) await this.seedPolicy(tx, file, seed);
    });
  }

  private async seedPool(tx: EntityManager, file: string, seed: PoolSeed): Promise<void> {
    if (await tx.existsBy(QuestionPoolEntity, { seedKey: seed.seedKey })) return;
    await asSeed(file, () => this.pools.create({ name: seed.name, description: seed.description, questions: seed.questions, seedKey: seed.seedKey }, null, tx));
    this.logger.log(`Seeded the question pool "${seed.name}" from config/${file}`);
  }

  private async seedPolicy(tx: EntityManager, file: string, seed: PolicySeed): Promise<void> {
    if (await tx.existsBy(SurveyPolicyEntity, { seedKey: seed.seedKey })) return;
    const pool = await tx.findOneBy(QuestionPoolEntity, { seedKey: seed.pool });
    if (!pool) throw new SeedError(file, `no question pool was seeded with the key "${seed.pool}"`);
    await asSeed(file, () => this.policies.create({ ...seed.settings, poolId: pool.id }, { seedKey: seed.seedKey }, tx));
    this.logger.log(`Seeded the survey policy "${String(seed.settings.name)}" from config/${file}`);
  }
}

function readSeeds<T extends { seedKey: string }>(folder: string): [string, T][] {
  const dir = projectPath('config', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = `${folder}/${name}`;
      let seed: T;
      try {
        seed = JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
      } catch (error) {
        throw new SeedError(file, `not valid JSON (${(error as Error).message})`);
      }
      if (typeof seed.seedKey !== 'string' || !seed.seedKey) throw new SeedError(file, 'needs a "seedKey"');
      return [file, seed];
    });
}

async function asSeed<T>(file: string, apply: () => Promise<T>): Promise<T> {
  try {
    return await apply();
  } catch (error) {
    const response = (error as { getResponse?: () => unknown }).getResponse?.();
    const message = (response as { message?: string } | undefined)?.message ?? (error as Error).message;
    throw new SeedError(file, message);
  }
}
