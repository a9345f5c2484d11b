import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { type AuditActor, recordConfigChange } from '@turbota/audit';
import type { Locale } from '@turbota/common';
import { execute, executeTakeFirst, qb, StandardVersionEntity } from '@turbota/persistence';
import { DEFAULT_STANDARD, SEED_AUTHOR } from './default-standard';
import type { NextSteps, StandardEvent } from './standard-event';
import { nextStepsOf, parseStandardTable, type StandardTable } from './standard-table';
import { ADVISORY_LOCKS, InvalidInputError, NotFoundError, StaleVersionError } from '@turbota/common';

/** One published version of the service standard; immutable. */
export interface StandardVersion {
  version: number;
  table: StandardTable;
  createdAt: Date;
  createdBy: string;
}

/** Who publishes (recorded as the version's author and in the audit), and the version they read (to refuse overwriting a newer one). */
export interface PublishOptions {
  by: AuditActor;
  expectedVersion?: number;
}

/**
 * How long the number of the current version is trusted without asking the database: a
 * publish through this process is seen at once, one through another process within this.
 */
export const CURRENT_VERSION_TTL_MS = 2_000;

/**
 * The versions of the service standard: the current one, any older one (incidents keep theirs),
 * publishing a new one, and version 1 seeded from `config/standard.json` when there is none.
 */
@Injectable()
export class StandardService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Standard');
  // Versions never change once written, so a parsed one can be kept for good.
  private readonly cache = new Map<number, StandardVersion>();
  // The current version's number and when it was read (a monotonic clock: not the injected one, which tests stop).
  private latestSeen: { version: number; at: number } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DEFAULT_STANDARD) private readonly seed: StandardTable,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.dataSource.transaction((tx) => this.seedDefault(tx))) this.logger.log(`Seeded version 1 of the service standard from ${SEED_AUTHOR}`);
  }

  /** The newest version; pass the caller's transaction to read inside it. */
  async current(tx?: EntityManager): Promise<StandardVersion> {
    const manager = tx ?? this.dataSource.manager;
    const seen = this.latestSeen;
    if (seen && performance.now() - seen.at < CURRENT_VERSION_TTL_MS) return this.version(seen.version, manager);
    const at = performance.now();
    let latest = await this.latest(manager);
    if (latest === null) {
      await this.seedDefault(manager);
      latest = (await this.latest(manager)) ?? 1;
    }
    const found = await this.version(latest, manager);
    this.latestSeen = { version: latest, at };
    return found;
  }

  /** One version, or 404. */
  async version(version: number, tx?: EntityManager): Promise<StandardVersion> {
    const cached = this.cache.get(version);
    if (cached) return cached;
    const row = await (tx ?? this.dataSource.manager).findOneBy(StandardVersionEntity, { version });
    if (!row) throw new NotFoundError(`The service standard has no version ${version}`);
    const parsed = parseStandardTable(row.content);
    // Only a hand edit of the database gets here: every write is checked.
    if (!parsed.ok) throw new Error(`Version ${version} of the service standard in the database is not valid: ${parsed.errors[0].field}`);
    const loaded = { version, table: parsed.value, createdAt: row.createdAt, createdBy: row.createdBy };
    this.cache.set(version, loaded);
    return loaded;
  }

  /** What to do at an event, in a language, by the given version (the current one by default). */
  async nextSteps(event: StandardEvent, locale: Locale, version?: number): Promise<NextSteps> {
    const found = version === undefined ? await this.current() : await this.version(version);
    return nextStepsOf(found.table, event, locale, found.version);
  }

  /**
   * Checks a whole table (400 naming each wrong field) and stores it as the next version, unless
   * it equals the current one, which is then returned as it is; with `expectedVersion`, 412 when
   * another version was published since that one.
   */
  async publish(input: unknown, options: PublishOptions): Promise<StandardVersion> {
    const parsed = parseStandardTable(input);
    if (!parsed.ok) throw new InvalidInputError(parsed.errors);
    const { by, expectedVersion } = options;
    const createdBy = by.name;
    const outcome = await this.dataSource.transaction(async (tx) => {
      // Publishers take turns here, so two edits at once get two successive numbers.
      await execute(tx, sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.standardPublish})`);
      const latest = (await this.latest(tx)) ?? 0;
      if (expectedVersion !== undefined && expectedVersion !== latest) {
        throw new StaleVersionError(`The service standard is at version ${latest}, not ${expectedVersion}; read it again and redo the change`);
      }
      // A table sent back unchanged (GET → PUT) is no new version: the current one stands.
      const previous = latest > 0 ? (await this.version(latest, tx)).table : null;
      if (previous && isDeepStrictEqual(previous, parsed.value)) return { version: latest, published: false };
      await tx.insert(StandardVersionEntity, { version: latest + 1, content: parsed.value, createdBy });
      await recordPublished(tx, by, latest + 1, previous, parsed.value);
      return { version: latest + 1, published: true };
    });
    if (outcome.published) this.logger.log(`Published version ${outcome.version} of the service standard (by ${createdBy})`);
    const current = await this.version(outcome.version);
    this.latestSeen = { version: outcome.version, at: performance.now() };
    return current;
  }

  private async latest(manager: EntityManager): Promise<number | null> {
    const row = await executeTakeFirst(manager, qb.selectFrom('standard_version').select((eb) => eb.fn.max<number | null>('version').as('version')));
    return row?.version ?? null;
  }

  /** Writes version 1 unless it exists; a second process starting at the same time inserts nothing. */
  private async seedDefault(manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(StandardVersionEntity)
      .values({ version: 1, content: this.seed, createdBy: SEED_AUTHOR })
      .orIgnore()
      .execute();
    const seeded = (result.raw as unknown[]).length > 0;
    if (seeded) await recordPublished(manager, { kind: 'system', id: null, name: SEED_AUTHOR }, 1, null, this.seed);
    return seeded;
  }
}

/** The audit entry of a published version: each event whose steps differ from the previous version's. */
async function recordPublished(tx: EntityManager, by: AuditActor, version: number, previous: StandardTable | null, table: StandardTable): Promise<void> {
  const byEvent = (t: StandardTable | null) => (t ? Object.fromEntries(Object.entries(t.events).map(([event, steps]) => [`events.${event}`, steps])) : null);
  const subject = { kind: 'service_standard' as const, id: String(version), label: `version ${version}` };
  await recordConfigChange(tx, { actor: by, subject, action: 'published', before: byEvent(previous), after: byEvent(table) });
}
