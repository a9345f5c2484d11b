import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { ADVISORY_LOCKS, DIALOGUE_RANDOM, type Locale, questionLocale, type RandomSource } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { type Prompt, renderQuestion } from '@turbota/dialogue';
import { execute, PointOfServiceEntity, qb, QuestionPoolVersionEntity, SurveyPolicyEntity } from '@turbota/persistence';
import { SurveyPolicyService } from '@turbota/survey-config';
import { planSurvey, type SurveyPlan } from '@turbota/surveys';
import type { PointGreeting } from './point-greeting';

/** Thrown when no active survey policy covers a contact: there is nothing to ask. */
export class NoSurveyPolicyError extends Error {
  constructor(serviceType: string | null) {
    super(`No active survey policy covers ${serviceType ? `the service type "${serviceType}"` : 'contacts without a service type'}`);
    this.name = 'NoSurveyPolicyError';
  }
}

/** Draws logged for a pool beyond which the next new conversation folds them into the counters. */
export const DRAW_LOG_FOLD_AT = 100;

/** A pool's current version, how often each of its questions was drawn, and how many draws its log holds. */
interface DrawnCounts {
  currentVersion: number;
  counts: Map<string, number>;
  logged: number;
}

/**
 * What the new conversations of one transaction share (`SurveyPlanner.plan`): the policies and
 * the pools' counts read once, and the draws to log at its end (`SurveyPlanner.finish`).
 */
export class PlanningRound {
  /** By service type ('' for none). */
  readonly policies = new Map<string, SurveyPolicyEntity | null>();
  readonly pools = new Map<string, DrawnCounts>();
  readonly draws: { poolId: string; code: string }[] = [];
}

/** What a new conversation is asked, and what it hears first when its point says so. */
export interface PlannedSurvey {
  policyId: string;
  poolId: string;
  poolVersion: number;
  plan: SurveyPlan;
  /** The point's greeting, when the survey is the point's. */
  greeting: PointGreeting | null;
  /** The languages the pool version is given in (see {@link SurveyPlanner.localeFor}). */
  locales: Locale[];
}

/**
 * The questions of a new conversation: the policy for the contact, its pool's current version, a balanced draw.
 * A contact without a service type at a point (a walk-in from its QR code or deep link) gets the
 * point's survey: its policy while that is active, and its greeting.
 *
 * How often each question was drawn is its row in `question_draw_count` plus its rows in
 * `question_draw_log`. A new conversation reads both without a lock and appends its draws to
 * the log: plain inserts, so concurrent conversations never wait for each other (the
 * counters used to be upserted here and serialised every new conversation on their row
 * locks). Once a pool's log holds `DRAW_LOG_FOLD_AT` rows, the conversation that sees it
 * moves them into the counters in one statement, under an advisory lock it only tries, so
 * two folders never wait for each other either; a reader sees the fold whole or not at all.
 *
 * Drawn one after another the counts are exact (least asked first, ties at random). Drawn at
 * once, a conversation does not see the draws of those not yet committed, so the balance
 * is approximate by at most the number of new conversations in flight together.
 */
@Injectable()
export class SurveyPlanner {
  // A pool's versions never change once written.
  private readonly versions = new Map<string, QuestionPoolVersionEntity>();

  constructor(
    private readonly policies: SurveyPolicyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DIALOGUE_RANDOM) private readonly random: RandomSource,
  ) {}

  /**
   * The one language of a new conversation (its questions, their options and the texts around
   * them): the customer's when the installation speaks it and the pool has it, else the pool's first.
   */
  localeFor(poolLocales: readonly Locale[], customerLocale: Locale): Locale {
    return questionLocale(poolLocales, customerLocale, this.config);
  }

  /**
   * Plans a new conversation. In a `PlanningRound` (several conversations opened in one
   * transaction), the policy and the pool's counts are read once for the round, its own draws
   * counted in as it goes, and the draws are logged by `finish`, at the round's end.
   */
  async plan(tx: EntityManager, serviceType: string | null, pointOfService?: string | null, round?: PlanningRound): Promise<PlannedSurvey> {
    const point = serviceType || !pointOfService ? null : await tx.findOne(PointOfServiceEntity, { where: { code: pointOfService }, relations: { policy: true } });
    const policy = activeOrNull(point?.policy) ?? (await this.policyFor(tx, serviceType, round));
    if (!policy) throw new NoSurveyPolicyError(serviceType);
    const poolId = policy.poolId;
    const drawn = round?.pools.get(poolId) ?? (await this.drawnCounts(tx, poolId));
    const version = await this.version(tx, poolId, drawn.currentVersion);
    const plan = planSurvey({ policy, questions: version.questions, drawnCounts: drawn.counts, random: this.random });
    const codes = plan.drawn.map((q) => q.code);
    if (round) {
      for (const code of codes) drawn.counts.set(code, (drawn.counts.get(code) ?? 0) + 1);
      drawn.logged += codes.length;
      round.pools.set(poolId, drawn);
      round.draws.push(...codes.map((code) => ({ poolId, code })));
    } else if (codes.length > 0) {
      await this.logDraws(tx, codes.map((code) => ({ poolId, code })));
      if (drawn.logged + codes.length >= DRAW_LOG_FOLD_AT) await this.fold(tx, poolId);
    }
    return { policyId: policy.id, poolId, poolVersion: version.version, plan, greeting: point?.greeting ?? null, locales: version.locales };
  }

  /** Logs a round's draws in one statement, and folds the pools whose logs reached `DRAW_LOG_FOLD_AT`. */
  async finish(tx: EntityManager, round: PlanningRound): Promise<void> {
    if (round.draws.length === 0) return;
    await this.logDraws(tx, round.draws);
    for (const [poolId, { logged }] of round.pools) if (logged >= DRAW_LOG_FOLD_AT) await this.fold(tx, poolId);
  }

  private async policyFor(tx: EntityManager, serviceType: string | null, round: PlanningRound | undefined): Promise<SurveyPolicyEntity | null> {
    const key = serviceType ?? '';
    if (round?.policies.has(key)) return round.policies.get(key)!;
    const policy = await this.policies.policyFor(serviceType, tx);
    round?.policies.set(key, policy);
    return policy;
  }

  private async logDraws(tx: EntityManager, draws: readonly { poolId: string; code: string }[]): Promise<void> {
    await execute(
      tx,
      sql`INSERT INTO question_draw_log (pool_id, question_code) SELECT * FROM unnest(${draws.map((d) => d.poolId)}::uuid[], ${draws.map((d) => d.code)}::text[])`,
    );
  }

  /**
   * The question a policy's surveys open with (its integral metric in its pool's current
   * version) as the customer will see it, in the language the conversation will speak: what an
   * invitation outside the messengers shows, so that a score can be given from it (an e-mail's
   * buttons). Null for a policy archived or gone since.
   */
  async opening(tx: EntityManager, policyId: string, customerLocale: Locale): Promise<{ prompt: Prompt; locale: Locale } | null> {
    const policy = await tx.findOneBy(SurveyPolicyEntity, { id: policyId });
    if (!policy || policy.status !== 'active') return null;
    const [pool] = await execute(tx, qb.selectFrom('question_pool').select('current_version').where('id', '=', policy.poolId));
    if (!pool) return null;
    const version = await this.version(tx, policy.poolId, pool.current_version);
    const question = version.questions.find((q) => q.type === policy.integralMetric);
    if (!question) return null;
    const locale = this.localeFor(version.locales, customerLocale);
    return { prompt: renderQuestion(question, locale), locale };
  }

  private async version(tx: EntityManager, poolId: string, version: number): Promise<QuestionPoolVersionEntity> {
    const key = `${poolId}/${version}`;
    const cached = this.versions.get(key);
    if (cached) return cached;
    const found = await tx.findOneByOrFail(QuestionPoolVersionEntity, { poolId, version });
    this.versions.set(key, found);
    return found;
  }

  /**
   * The pool's current version, each question's draws (counter plus log) and how many log rows
   * there are, in one statement (one snapshot).
   */
  private async drawnCounts(tx: EntityManager, poolId: string): Promise<DrawnCounts> {
    const eachDraw = qb
      .selectFrom('question_draw_count')
      .select(['question_code as code', 'drawn', sql.lit(0).as('logged')])
      .where('pool_id', '=', poolId)
      .unionAll((db) => db.selectFrom('question_draw_log').select(['question_code as code', sql.lit(1).$castTo<string>().as('drawn'), sql.lit(1).as('logged')]).where('pool_id', '=', poolId));
    const perCode = qb
      .selectFrom(eachDraw.as('each_draw'))
      .select((eb) => ['code', eb.fn.sum<string>('drawn').as('drawn'), eb.fn.sum<string>('logged').as('logged')])
      .groupBy('code');
    const rows = await execute(
      tx,
      qb
        .selectFrom('question_pool as p')
        .leftJoin(perCode.as('d'), (join) => join.onTrue())
        .select(['p.current_version as currentVersion', 'd.code', 'd.drawn', 'd.logged'])
        .where('p.id', '=', poolId),
    );
    if (rows.length === 0) throw new Error(`No question pool ${poolId}`);
    const drawn = rows.filter((r) => r.code !== null);
    return {
      currentVersion: rows[0].currentVersion,
      counts: new Map(drawn.map((r) => [r.code!, Number(r.drawn)])),
      logged: drawn.reduce((sum, r) => sum + Number(r.logged), 0),
    };
  }

  /** Moves the pool's committed log rows (and this transaction's) into the counters, unless another transaction is folding. */
  private async fold(tx: EntityManager, poolId: string): Promise<void> {
    // One folder at a time (the others skip, never wait): the key of its transaction-level advisory lock.
    const [{ locked }] = await execute(tx, sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${ADVISORY_LOCKS.drawFold}) AS locked`);
    if (!locked) return;
    // Counter rows in one order, so that a fold cannot deadlock with anything else updating them.
    await execute(
      tx,
      qb
        .with('moved', (db) => db.deleteFrom('question_draw_log').where('pool_id', '=', poolId).returning('question_code'))
        .insertInto('question_draw_count')
        .columns(['pool_id', 'question_code', 'drawn'])
        .expression((eb) =>
          eb
            .selectFrom('moved')
            .select((inner) => [inner.val(poolId).as('pool_id'), 'question_code', inner.cast<number>(inner.fn.countAll(), 'integer').as('drawn')])
            .groupBy('question_code')
            .orderBy('question_code'),
        )
        .onConflict((oc) => oc.columns(['pool_id', 'question_code']).doUpdateSet((eb) => ({ drawn: sql<number>`${eb.ref('question_draw_count.drawn')} + ${eb.ref('excluded.drawn')}` }))),
    );
  }
}

/** An archived policy no longer plans surveys: the point falls back to the default until it names another. */
function activeOrNull(policy: SurveyPolicyEntity | null | undefined): SurveyPolicyEntity | null {
  return policy?.status === 'active' ? policy : null;
}
