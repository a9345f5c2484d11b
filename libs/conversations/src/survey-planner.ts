import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { QuestionDrawCountEntity, QuestionPoolEntity, QuestionPoolVersionEntity } from '@turbota/persistence';
import { SurveyPolicyService } from '@turbota/survey-config';
import { planSurvey, type SurveyPlan } from '@turbota/surveys';

/** Thrown when no active survey policy covers a contact: there is nothing to ask. */
export class NoSurveyPolicyError extends Error {
  constructor(serviceType: string | null) {
    super(`No active survey policy covers ${serviceType ? `the service type "${serviceType}"` : 'contacts without a service type'}`);
    this.name = 'NoSurveyPolicyError';
  }
}

/** The questions of a new conversation: the policy for the contact, its pool's current version, a balanced draw. */
@Injectable()
export class SurveyPlanner {
  constructor(private readonly policies: SurveyPolicyService) {}

  async plan(tx: EntityManager, serviceType: string | null): Promise<{ policyId: string; poolId: string; poolVersion: number; plan: SurveyPlan }> {
    const policy = await this.policies.policyFor(serviceType, tx);
    if (!policy) throw new NoSurveyPolicyError(serviceType);
    const pool = await tx.findOneByOrFail(QuestionPoolEntity, { id: policy.poolId });
    const version = await tx.findOneByOrFail(QuestionPoolVersionEntity, { poolId: pool.id, version: pool.currentVersion });
    const counts = await tx.findBy(QuestionDrawCountEntity, { poolId: pool.id });
    const plan = planSurvey({
      policy,
      questions: version.questions,
      drawnCounts: new Map(counts.map((c) => [c.questionCode, Number(c.drawn)])),
      random: Math.random,
    });
    await this.countDraws(tx, pool.id, plan.drawn.map((q) => q.code));
    return { policyId: policy.id, poolId: pool.id, poolVersion: version.version, plan };
  }

  private async countDraws(tx: EntityManager, poolId: string, codes: string[]): Promise<void> {
    if (codes.length === 0) return;
    // Rows locked in one order by every transaction: in the order drawn, two surveys starting
    // at once could each hold the counter the other waits for, and deadlock.
    await tx.query(
      `INSERT INTO question_draw_count (pool_id, question_code, drawn)
       SELECT $1, code, 1 FROM unnest($2::text[]) AS code ORDER BY code
       ON CONFLICT (pool_id, question_code) DO UPDATE SET drawn = question_draw_count.drawn + 1`,
      [poolId, codes],
    );
  }
}
