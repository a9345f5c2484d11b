import { drawQuestions } from './balanced-draw';
import type { Question } from './question';
import type { SurveyPolicySettings } from './survey-policy.schema';

/**
 * The questions of one conversation, fixed when it starts so that a restart or a change
 * of the pool never changes what this customer is asked.
 */
export interface SurveyPlan {
  /** NPS, CES or CSAT, asked first. */
  integral: Question;
  /** Asked after a negative score: what went wrong (a single choice of reasons). */
  reason?: Question;
  /** Asked after a neutral score: what could be better (free text). */
  improvement?: Question;
  /** Offered after a negative score or a complaint: a phone or e-mail, with consent. */
  contact?: Question;
  /** Drawn at random from the pool, asked after the integral part. */
  drawn: Question[];
  reviewUrl?: string;
}

export interface PlanOptions {
  policy: Pick<SurveyPolicySettings, 'integralMetric' | 'maxQuestions' | 'reasonQuestion' | 'improvementQuestion' | 'contactQuestion' | 'reviewUrl'>;
  questions: Question[];
  drawnCounts: ReadonlyMap<string, number>;
  random: () => number;
}

/**
 * The integral question of the policy's metric, the questions with a role in the flow, and
 * a balanced random draw from the rest of the pool (never a contact question).
 */
export function planSurvey({ policy, questions, drawnCounts, random }: PlanOptions): SurveyPlan {
  const byCode = new Map(questions.map((q) => [q.code, q]));
  const integral = questions.find((q) => q.type === policy.integralMetric);
  if (!integral) throw new Error(`The pool has no ${policy.integralMetric} question`);
  const roles = [policy.reasonQuestion, policy.improvementQuestion, policy.contactQuestion].filter((c): c is string => !!c);
  const candidates = questions
    .filter((q) => q !== integral && q.type !== 'contact' && !roles.includes(q.code))
    .map((q) => q.code);
  const drawn = drawQuestions({ candidates, maxQuestions: policy.maxQuestions, drawnCounts, random });
  return {
    integral,
    reason: policy.reasonQuestion ? byCode.get(policy.reasonQuestion) : undefined,
    improvement: policy.improvementQuestion ? byCode.get(policy.improvementQuestion) : undefined,
    contact: policy.contactQuestion ? byCode.get(policy.contactQuestion) : undefined,
    drawn: drawn.map((c) => byCode.get(c)!),
    reviewUrl: policy.reviewUrl ?? undefined,
  };
}
