import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LOCALES, type Locale } from '@turbota/common';
import { checkPolicyAgainstPool, type FieldProblem, parsePolicy, parsePoolLocales, parseQuestions, type Question, type SurveyPolicySettings } from '@turbota/surveys';

/** A question pool from `config/pools/*.json`, checked. */
export interface PoolSeed {
  /** Where it came from, e.g. `pools/post-contact.json`. */
  file: string;
  seedKey: string;
  name: string;
  description: string;
  questions: Question[];
  /** As the file declares them; absent, every language the installation speaks. */
  locales?: Locale[];
}

/** A survey policy from `config/policies/*.json`, checked; it names its pool by the pool's seed key. */
export interface PolicySeed {
  file: string;
  seedKey: string;
  pool: string;
  settings: Omit<SurveyPolicySettings, 'poolId'>;
}

/** A file in `config/` that cannot be applied; start-up stops with the file and the problem. */
export class SeedError extends Error {
  constructor(file: string, problem: string) {
    super(`config/${file}: ${problem}`);
    this.name = 'SeedError';
  }
}

const seedKey = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, 'must be a lower-case key such as "post-contact-pool-v1"');

const poolFile = z.strictObject({
  seedKey,
  name: z.string().trim().min(1, 'must not be empty').max(100, 'takes at most 100 characters'),
  description: z.string().max(2000, 'takes at most 2000 characters').default(''),
  questions: z.unknown(),
  locales: z.unknown().optional(),
});

const policyFile = z.strictObject({
  seedKey,
  pool: seedKey,
  settings: z.record(z.string(), z.unknown()),
});

// parsePolicy wants a pool id; the seed's pool gets one only when it is stored.
const NO_POOL_YET = '00000000-0000-4000-8000-000000000000';

/**
 * Reads and checks every seed under `configDir` (`pools/*.json`, `policies/*.json`) before
 * anything is stored, so a broken file stops start-up even when its seed was applied long ago.
 * A pool's texts must be complete in the languages it declares, or else in every one the
 * installation speaks (`supported`).
 */
export function readSeedFiles(configDir: string, supported: readonly Locale[] = LOCALES): { pools: PoolSeed[]; policies: PolicySeed[] } {
  const pools = jsonFiles(configDir, 'pools').map(([file, json]) => poolSeed(file, json, supported));
  const policies = jsonFiles(configDir, 'policies').map(([file, json]) => policySeed(file, json, pools));
  const seen = new Map<string, string>();
  for (const seed of [...pools, ...policies]) {
    const other = seen.get(seed.seedKey);
    if (other) throw new SeedError(seed.file, `the seedKey "${seed.seedKey}" is used by config/${other} too`);
    seen.set(seed.seedKey, seed.file);
  }
  return { pools, policies };
}

function poolSeed(file: string, json: unknown, supported: readonly Locale[]): PoolSeed {
  const { questions, locales, ...rest } = checked(file, poolFile.safeParse(json));
  const declared = parsePoolLocales(locales, supported);
  if (!declared.ok) throw new SeedError(file, describe(declared.errors));
  const parsed = parseQuestions(questions, 'questions', declared.value);
  if (!parsed.ok) throw new SeedError(file, describe(parsed.errors));
  return { file, ...rest, questions: parsed.value, ...(locales === undefined ? {} : { locales: declared.value }) };
}

function policySeed(file: string, json: unknown, pools: PoolSeed[]): PolicySeed {
  const seed = checked(file, policyFile.safeParse(json));
  if ('poolId' in seed.settings) throw new SeedError(file, 'settings.poolId: name the pool by its seed key in "pool" instead');
  const pool = pools.find((p) => p.seedKey === seed.pool);
  if (!pool) throw new SeedError(file, `pool: no file in config/pools has the seedKey "${seed.pool}"`);
  const parsed = parsePolicy({ ...seed.settings, poolId: NO_POOL_YET });
  if (!parsed.ok) throw new SeedError(file, describe(prefixed(parsed.errors)));
  const problems = checkPolicyAgainstPool(parsed.value, pool.questions);
  if (problems.length) throw new SeedError(file, describe(prefixed(problems)));
  return { file, seedKey: seed.seedKey, pool: seed.pool, settings: withoutPool(parsed.value) };
}

function withoutPool(settings: SurveyPolicySettings): Omit<SurveyPolicySettings, 'poolId'> {
  const copy: Partial<SurveyPolicySettings> = { ...settings };
  delete copy.poolId;
  return copy as Omit<SurveyPolicySettings, 'poolId'>;
}

function jsonFiles(configDir: string, folder: string): [string, unknown][] {
  const dir = join(configDir, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = `${folder}/${name}`;
      try {
        return [file, JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown];
      } catch (error) {
        throw new SeedError(file, `not valid JSON (${(error as Error).message})`);
      }
    });
}

function checked<T>(file: string, result: z.ZodSafeParseResult<T>): T {
  if (result.success) return result.data;
  throw new SeedError(
    file,
    describe(
      result.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.'),
        problems: [issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message],
      })),
    ),
  );
}

function prefixed(errors: FieldProblem[]): FieldProblem[] {
  return errors.map((e) => ({ ...e, field: e.field === '(body)' ? 'settings' : `settings.${e.field}` }));
}

/** `field: problem; …`, without a field for a problem of the whole file. */
function describe(errors: FieldProblem[]): string {
  return errors.map((e) => (e.field ? `${e.field}: ` : '') + e.problems.join('; ')).join('; ');
}
