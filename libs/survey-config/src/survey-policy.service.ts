import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError, StaleVersionError } from '@turbota/common';
import { type AuditActor, recordConfigChange } from '@turbota/audit';
import { QuestionPoolEntity, QuestionPoolVersionEntity, SurveyPolicyEntity } from '@turbota/persistence';
import { changedReadOnly, checkPolicyAgainstPool, parsePolicyChange, splitEcho, type SurveyPolicyChange, type SurveyPolicySettings } from '@turbota/surveys';
import { settingsOf } from './policy-settings';
import { isUniqueViolation } from './unique-violation';

/** A policy as the API shows it. */
export interface SurveyPolicyView extends SurveyPolicySettings {
  id: string;
  status: 'active' | 'archived';
  /** Changes with every update; send it back as `If-Match` to refuse overwriting someone else's edit. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Survey policies: who is asked, how often, with which pool. */
@Injectable()
export class SurveyPolicyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new policy of checked settings (`SurveyPolicyInput` or a seed file), once its pool serves it; `by` is recorded in the audit. */
  async create(settings: SurveyPolicySettings, extra: { by: AuditActor; seedKey?: string }, manager?: EntityManager): Promise<SurveyPolicyView> {
    const run = async (tx: EntityManager) => {
      await this.checkPool(tx, settings);
      const view = viewOf(await tx.save(SurveyPolicyEntity, { ...settings, status: 'active', seedKey: extra.seedKey ?? null }));
      await recordConfigChange(tx, { actor: extra.by, subject: subjectOf(view), action: 'created', before: null, after: view });
      return view;
    };
    try {
      return await (manager ? run(manager) : this.dataSource.transaction(run));
    } catch (error) {
      if (isUniqueViolation(error, 'uq_survey_policy_name')) throw new ConflictError(`A survey policy named "${settings.name}" exists already`);
      throw error;
    }
  }

  async list(options: { includeArchived: boolean }): Promise<SurveyPolicyView[]> {
    const policies = await this.dataSource.manager.find(SurveyPolicyEntity, {
      where: options.includeArchived ? {} : { status: 'active' },
      order: { createdAt: 'ASC' },
    });
    return policies.map(viewOf);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<SurveyPolicyView> {
    return viewOf(await this.policy(manager, id));
  }

  /**
   * Changes the fields given; the read-only fields the change carries back must hold what the
   * policy holds. With `expectedVersion`, refuses when someone changed the policy since.
   */
  async update(id: string, input: SurveyPolicyChange, options: { by: AuditActor; expectedVersion?: number }): Promise<SurveyPolicyView> {
    const { by, expectedVersion } = options;
    const { echo, rest: change } = splitEcho(input);
    try {
      return await this.dataSource.transaction(async (tx) => {
        const current = await this.policy(tx, id, true);
        const echoed = changedReadOnly(echo, current);
        if (echoed.length) throw new InvalidInputError(echoed);
        if (expectedVersion !== undefined && current.version !== expectedVersion) {
          throw new StaleVersionError(`Survey policy "${current.name}" is at version ${current.version}, not ${expectedVersion}: reload it and apply your change again`);
        }
        if (current.status === 'archived') throw new ConflictError(`Survey policy "${current.name}" is archived; it cannot be changed`);
        const parsed = parsePolicyChange(settingsOf(current), change);
        if (!parsed.ok) throw new InvalidInputError(parsed.errors);
        await this.checkPool(tx, parsed.value);
        const before = viewOf(current);
        const after = viewOf(await tx.save(SurveyPolicyEntity, { ...current, ...parsed.value }));
        await recordConfigChange(tx, { actor: by, subject: subjectOf(after), action: 'changed', before, after });
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_survey_policy_name')) throw new ConflictError(`A survey policy named "${change.name}" exists already`);
      throw error;
    }
  }

  async archive(id: string, by: AuditActor): Promise<SurveyPolicyView> {
    return this.dataSource.transaction(async (tx) => {
      const policy = await this.policy(tx, id, true);
      const before = viewOf(policy);
      if (policy.status === 'archived') return before;
      policy.status = 'archived';
      const after = viewOf(await tx.save(SurveyPolicyEntity, policy));
      await recordConfigChange(tx, { actor: by, subject: subjectOf(after), action: 'archived', before, after });
      return after;
    });
  }

  /**
   * The active policy for a contact's service type: the one listing it, else the default one
   * (no service types); the most recently changed wins a tie. Null when none is active.
   */
  async policyFor(serviceType: string | null | undefined, manager: EntityManager = this.dataSource.manager): Promise<SurveyPolicyEntity | null> {
    const query = manager
      .createQueryBuilder(SurveyPolicyEntity, 'p')
      .where('p.status = :active', { active: 'active' })
      .orderBy('p.updated_at', 'DESC')
      .limit(1);
    if (serviceType) {
      const specific = await query.clone().andWhere(':serviceType = ANY(p.service_types)', { serviceType }).getOne();
      if (specific) return specific;
    }
    return query.andWhere('cardinality(p.service_types) = 0').getOne();
  }

  private async checkPool(tx: EntityManager, settings: SurveyPolicySettings): Promise<void> {
    const pool = await tx.findOneBy(QuestionPoolEntity, { id: settings.poolId });
    if (!pool || pool.status !== 'active') {
      throw new InvalidInputError([{ field: 'poolId', problems: [pool ? `Question pool "${pool.name}" is archived` : `No question pool ${settings.poolId}`] }]);
    }
    const version = await tx.findOneByOrFail(QuestionPoolVersionEntity, { poolId: pool.id, version: pool.currentVersion });
    const problems = checkPolicyAgainstPool(settings, version.questions);
    if (problems.length) throw new InvalidInputError(problems);
  }

  private async policy(manager: EntityManager, id: string, lock = false): Promise<SurveyPolicyEntity> {
    const policy = await manager.findOne(SurveyPolicyEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!policy) throw new NotFoundError(`No survey policy ${id}`);
    return policy;
  }
}

function subjectOf(view: SurveyPolicyView) {
  return { kind: 'survey_policy' as const, id: view.id, label: view.name };
}

function viewOf(p: SurveyPolicyEntity): SurveyPolicyView {
  return { id: p.id, status: p.status, version: p.version, ...settingsOf(p), createdAt: p.createdAt, updatedAt: p.updatedAt };
}
