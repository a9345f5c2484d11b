import type { ApiPaths } from '../../../api/client';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** A survey policy as the API answers it. */
export type SurveyPolicy = JsonOf<ApiPaths['/api/v1/survey-policies/{id}']['get']['responses'][200]>;
/** A new policy's settings, as `POST /survey-policies` takes them. */
export type PolicySettings = ApiPaths['/api/v1/survey-policies']['post']['requestBody']['content']['application/json'];
/** A question pool, with the questions of its current version. */
export type QuestionPool = JsonOf<ApiPaths['/api/v1/question-pools/{id}']['get']['responses'][200]>;
/** What the "what would happen" check answers. */
export type ContactCheck = Extract<JsonOf<ApiPaths['/api/v1/contacts']['post']['responses'][201]>, { dryRun: true }>;

/** A channel an invitation cascade can list. */
export type CascadeChannel = PolicySettings['cascade'] extends (infer S)[] | undefined ? (S extends { channel: infer C } ? C : never) : never;

/** A cascade step as the form holds it: the wait as typed (the last step's is not sent). */
export interface CascadeStepDraft {
  channel: CascadeChannel;
  waitMinutes: string;
}

/** A policy's settings as the form holds them: text as typed, quiet hours kept while switched off. */
export interface PolicyDraft {
  name: string;
  serviceTypes: string;
  integralMetric: PolicySettings['integralMetric'];
  poolId: string;
  maxQuestions: string;
  samplingRate: string;
  cooldownDays: string;
  quietOn: boolean;
  quietStart: string;
  quietEnd: string;
  timeZone: string;
  answerTimeoutMinutes: string;
  reminderAfterMinutes: string;
  reasonQuestion: string;
  improvementQuestion: string;
  contactQuestion: string;
  reviewUrl: string;
  cascade: CascadeStepDraft[];
}

/** The settings a form sends, in the order the form shows them: a 400 names them. */
export const POLICY_FIELDS = [
  'name',
  'serviceTypes',
  'integralMetric',
  'poolId',
  'maxQuestions',
  'samplingRate',
  'cooldownDays',
  'quietHours',
  'answerTimeoutMinutes',
  'reminderAfterMinutes',
  'reasonQuestion',
  'improvementQuestion',
  'contactQuestion',
  'reviewUrl',
  'cascade',
] as const;

/** What a new policy's form starts with: the API's defaults, quiet hours at night in the reader's zone. */
export function newDraft(poolId: string): PolicyDraft {
  return {
    name: '',
    serviceTypes: '',
    integralMetric: 'nps',
    poolId,
    maxQuestions: '3',
    samplingRate: '1',
    cooldownDays: '30',
    quietOn: false,
    quietStart: '21:00',
    quietEnd: '09:00',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    answerTimeoutMinutes: '1440',
    reminderAfterMinutes: '',
    reasonQuestion: '',
    improvementQuestion: '',
    contactQuestion: '',
    reviewUrl: '',
    cascade: [],
  };
}

/** A stored policy in the form. */
export function draftOf(policy: SurveyPolicy): PolicyDraft {
  const quiet = policy.quietHours;
  return {
    name: policy.name,
    serviceTypes: policy.serviceTypes.join(', '),
    integralMetric: policy.integralMetric,
    poolId: policy.poolId,
    maxQuestions: String(policy.maxQuestions),
    samplingRate: String(policy.samplingRate),
    cooldownDays: String(policy.cooldownDays),
    quietOn: quiet !== null,
    quietStart: quiet?.start ?? '21:00',
    quietEnd: quiet?.end ?? '09:00',
    timeZone: quiet?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    answerTimeoutMinutes: String(policy.answerTimeoutMinutes),
    reminderAfterMinutes: policy.reminderAfterMinutes === null ? '' : String(policy.reminderAfterMinutes),
    reasonQuestion: policy.reasonQuestion ?? '',
    improvementQuestion: policy.improvementQuestion ?? '',
    contactQuestion: policy.contactQuestion ?? '',
    reviewUrl: policy.reviewUrl ?? '',
    cascade: policy.cascade.map((step) => ({ channel: step.channel, waitMinutes: step.waitMinutes === undefined ? '' : String(step.waitMinutes) })),
  };
}

// A number left as typed when it is not one: the API then names the field, in its words.
const numberOf = (text: string): number => (text.trim() === '' || Number.isNaN(Number(text)) ? (text as unknown as number) : Number(text));
const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** The settings the form sends; the API checks them and names each field it refuses. */
export function settingsOf(draft: PolicyDraft): PolicySettings {
  return {
    name: draft.name,
    serviceTypes: draft.serviceTypes
      .split(',')
      .map((type) => type.trim())
      .filter(Boolean),
    integralMetric: draft.integralMetric,
    poolId: draft.poolId,
    maxQuestions: numberOf(draft.maxQuestions),
    samplingRate: numberOf(draft.samplingRate),
    cooldownDays: numberOf(draft.cooldownDays),
    quietHours: draft.quietOn ? { start: draft.quietStart, end: draft.quietEnd, timeZone: draft.timeZone.trim() } : null,
    answerTimeoutMinutes: numberOf(draft.answerTimeoutMinutes),
    reminderAfterMinutes: draft.reminderAfterMinutes.trim() === '' ? null : numberOf(draft.reminderAfterMinutes),
    reasonQuestion: orNull(draft.reasonQuestion),
    improvementQuestion: orNull(draft.improvementQuestion),
    contactQuestion: orNull(draft.contactQuestion),
    reviewUrl: orNull(draft.reviewUrl),
    cascade: draft.cascade.map((step, i) => {
      // The last step waits for the answer timeout: its wait is not asked for, nor sent.
      const last = i === draft.cascade.length - 1;
      return last || step.waitMinutes.trim() === '' ? { channel: step.channel } : { channel: step.channel, waitMinutes: numberOf(step.waitMinutes) };
    }),
  };
}
