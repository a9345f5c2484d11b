import type { SurveyPolicyEntity } from '@turbota/persistence';
import type { SurveyPolicySettings } from '@turbota/surveys';

/** The settings of a stored policy, as the domain checks them. */
export function settingsOf(p: SurveyPolicyEntity): SurveyPolicySettings {
  return {
    name: p.name,
    serviceTypes: p.serviceTypes,
    integralMetric: p.integralMetric,
    poolId: p.poolId,
    maxQuestions: p.maxQuestions,
    samplingRate: p.samplingRate,
    cooldownDays: p.cooldownDays,
    quietHours: p.quietHours,
    answerTimeoutMinutes: p.answerTimeoutMinutes,
    reminderAfterMinutes: p.reminderAfterMinutes,
    reasonQuestion: p.reasonQuestion,
    improvementQuestion: p.improvementQuestion,
    contactQuestion: p.contactQuestion,
    reviewUrl: p.reviewUrl,
    cascade: p.cascade,
  };
}
