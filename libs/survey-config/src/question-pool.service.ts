import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '@turbota/common';
import type { Locale } from '@turbota/common';
import { type AuditActor, recordConfigChange } from '@turbota/audit';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { QuestionPoolEntity, QuestionPoolVersionEntity, SurveyPolicyEntity } from '@turbota/persistence';
import {
  changedReadOnly,
  checkPolicyAgainstPool,
  poolLocaleProblems,
  type Question,
  type QuestionPoolChange,
  type QuestionPoolInput,
  questionProblems,
  splitEcho,
} from '@turbota/surveys';
import { settingsOf } from './policy-settings';
import { isUniqueViolation } from './unique-violation';

/** A pool as the API shows it: its current version's questions. */
export interface QuestionPoolView {
  id: string;
  name: string;
  description: string;
  status: 'active' | 'archived';
  version: number;
  /** The languages the questions are given in; a customer whose language is not among them gets the first. */
  locales: Locale[];
  questions: Question[];
  createdAt: Date;
  updatedAt: Date;
}

/** A new pool (its languages absent: every one the installation speaks), and the seed it came from, if any. */
export interface PoolInput extends QuestionPoolInput {
  seedKey?: string;
}

/** Question pools and their immutable versions. */
@Injectable()
export class QuestionPoolService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new pool; `by` is recorded in the audit (the system: a seed of `config/`, its version written by nobody). */
  async create(input: PoolInput, by: AuditActor, manager?: EntityManager): Promise<QuestionPoolView> {
    const { questions, locales } = this.checked(input.questions, input.locales);
    const run = async (tx: EntityManager) => {
      const pool = await tx.save(QuestionPoolEntity, {
        name: input.name,
        description: input.description ?? '',
        status: 'active',
        currentVersion: 1,
        seedKey: input.seedKey ?? null,
      });
      const version = await tx.save(QuestionPoolVersionEntity, { poolId: pool.id, version: 1, questions, locales, createdBy: by.kind === 'system' ? null : by.id });
      const view = viewOf(pool, version);
      await recordConfigChange(tx, { actor: by, subject: subjectOf(view), action: 'created', before: null, after: view });
      return view;
    };
    try {
      return await (manager ? run(manager) : this.dataSource.transaction(run));
    } catch (error) {
      if (isUniqueViolation(error, 'uq_question_pool_name')) throw new ConflictError(`A question pool named "${input.name}" exists already`);
      throw error;
    }
  }

  async list(options: { includeArchived: boolean }): Promise<QuestionPoolView[]> {
    const pools = await this.dataSource.manager.find(QuestionPoolEntity, {
      where: options.includeArchived ? {} : { status: 'active' },
      order: { createdAt: 'ASC' },
    });
    if (pools.length === 0) return [];
    const versions = await this.dataSource.manager.find(QuestionPoolVersionEntity, {
      where: pools.map((p) => ({ poolId: p.id, version: p.currentVersion })),
    });
    const byPool = new Map(versions.map((v) => [v.poolId, v]));
    return pools.map((p) => viewOf(p, byPool.get(p.id)!));
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<QuestionPoolView> {
    const pool = await this.pool(manager, id);
    return viewOf(pool, await this.version(id, pool.currentVersion, manager));
  }

  /** The questions as they were at one version; answers point at it. */
  async version(poolId: string, version: number, manager: EntityManager = this.dataSource.manager): Promise<QuestionPoolVersionEntity> {
    const found = await manager.findOneBy(QuestionPoolVersionEntity, { poolId, version });
    if (!found) throw new NotFoundError(`Question pool ${poolId} has no version ${version}`);
    return found;
  }

  async currentVersion(poolId: string, manager: EntityManager = this.dataSource.manager): Promise<QuestionPoolVersionEntity> {
    const pool = await this.pool(manager, poolId);
    return this.version(poolId, pool.currentVersion, manager);
  }

  /**
   * Renames or re-describes a pool; new questions or languages become a new version, the old
   * ones stay as they were. Questions given alone keep the pool's languages (those the
   * installation still speaks); languages given alone are checked against the current questions.
   * The read-only fields the change carries back must hold what the pool holds.
   */
  async update(id: string, input: QuestionPoolChange, by: AuditActor): Promise<QuestionPoolView> {
    const { echo, rest: change } = splitEcho(input);
    try {
      return await this.dataSource.transaction(async (tx) => {
        const pool = await this.pool(tx, id, true);
        let current = await this.version(id, pool.currentVersion, tx);
        const before = viewOf(pool, current);
        const echoed = changedReadOnly(echo, before);
        if (echoed.length) throw new InvalidInputError(echoed);
        if (pool.status === 'archived') throw new ConflictError(`Question pool "${pool.name}" is archived; it cannot be changed`);
        const next = this.changed(current, change);
        if (next) {
          await this.checkPolicies(tx, id, next.questions);
          current = await tx.save(QuestionPoolVersionEntity, { poolId: id, version: pool.currentVersion + 1, ...next, createdBy: by.id });
          pool.currentVersion = current.version;
        }
        if (change.name !== undefined) pool.name = change.name;
        if (change.description !== undefined) pool.description = change.description;
        const after = viewOf(await tx.save(QuestionPoolEntity, pool), current);
        await recordConfigChange(tx, { actor: by, subject: subjectOf(after), action: 'changed', before, after });
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_question_pool_name')) throw new ConflictError(`A question pool named "${change.name}" exists already`);
      throw error;
    }
  }

  /** Archives a pool no active policy uses; its versions stay for the answers that refer to them. */
  async archive(id: string, by: AuditActor): Promise<QuestionPoolView> {
    return this.dataSource.transaction(async (tx) => {
      const pool = await this.pool(tx, id, true);
      const users = await tx.find(SurveyPolicyEntity, { where: { poolId: id, status: 'active' }, order: { name: 'ASC' } });
      if (users.length) {
        throw new ConflictError(`Question pool "${pool.name}" is used by the active survey policies ${users.map((p) => `"${p.name}"`).join(', ')}`);
      }
      const version = await this.version(id, pool.currentVersion, tx);
      const before = viewOf(pool, version);
      if (pool.status === 'archived') return before;
      pool.status = 'archived';
      const after = viewOf(await tx.save(QuestionPoolEntity, pool), version);
      await recordConfigChange(tx, { actor: by, subject: subjectOf(after), action: 'archived', before, after });
      return after;
    });
  }

  /** New questions must still serve every active policy on the pool (its metric, its reason and contact questions). */
  private async checkPolicies(tx: EntityManager, poolId: string, questions: Question[]): Promise<void> {
    const policies = await tx.find(SurveyPolicyEntity, { where: { poolId, status: 'active' }, order: { name: 'ASC' } });
    const broken = policies.flatMap((p) => checkPolicyAgainstPool(settingsOf(p), questions).map((e) => `policy "${p.name}": ${e.problems.join('; ')}`));
    if (broken.length) throw new ConflictError(`These questions would break active survey policies: ${broken.join('; ')}`);
  }

  /** The questions and languages a change makes, checked; undefined when they stay as they are. */
  private changed(current: QuestionPoolVersionEntity, change: Pick<QuestionPoolChange, 'questions' | 'locales'>): { questions: Question[]; locales: Locale[] } | undefined {
    if (change.questions === undefined && change.locales === undefined) return undefined;
    const kept = current.locales.filter((locale) => this.config.supportedLocales.includes(locale));
    const next = this.checked(change.questions ?? current.questions, change.locales ?? (kept.length ? kept : undefined));
    const same = isDeepStrictEqual(next.questions, current.questions) && isDeepStrictEqual(next.locales, current.locales);
    return same ? undefined : next;
  }

  /** Questions and the languages they must be complete in (absent: every one the installation speaks), or the API's 400 naming each field. */
  private checked(questions: Question[], locales: Locale[] = [...this.config.supportedLocales]): { questions: Question[]; locales: Locale[] } {
    const wrongLocales = poolLocaleProblems(locales, this.config.supportedLocales);
    if (wrongLocales.length) throw new InvalidInputError(wrongLocales);
    const wrongQuestions = questionProblems(questions, locales);
    if (wrongQuestions.length) throw new InvalidInputError(wrongQuestions);
    return { questions, locales };
  }

  private async pool(manager: EntityManager, id: string, lock = false): Promise<QuestionPoolEntity> {
    const pool = await manager.findOne(QuestionPoolEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!pool) throw new NotFoundError(`No question pool ${id}`);
    return pool;
  }
}

function subjectOf(view: QuestionPoolView) {
  return { kind: 'question_pool' as const, id: view.id, label: view.name };
}

function viewOf(pool: QuestionPoolEntity, version: QuestionPoolVersionEntity): QuestionPoolView {
  return {
    id: pool.id,
    name: pool.name,
    description: pool.description,
    status: pool.status,
    version: version.version,
    locales: version.locales,
    questions: version.questions,
    createdAt: pool.createdAt,
    updatedAt: pool.updatedAt,
  };
}
