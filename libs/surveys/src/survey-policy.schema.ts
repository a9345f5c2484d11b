import { z } from 'zod';
import { CODE, type FieldProblem, type Parsed } from './question-pool.schema';
import { INTEGRAL_METRICS, type IntegralMetric, type Question } from './question';
import { acceptingReadOnlyEcho } from './read-only-echo';
import { type CascadeStep, cascadeSchema, cascadeWaitMinutes } from './invitation-cascade';

/** A daily window in a time zone when no invitation is sent (it waits until the end). */
export interface QuietHours {
  /** `HH:MM`, local time. */
  start: string;
  end: string;
  /** IANA zone, e.g. `Europe/Kyiv`. */
  timeZone: string;
}

/** Who is surveyed, how often, and with which questions. */
export interface SurveyPolicySettings {
  name: string;
  /** The service types the policy applies to; empty: every service type without its own policy. */
  serviceTypes: string[];
  integralMetric: IntegralMetric;
  poolId: string;
  maxQuestions: number;
  /** Share of finished contacts that are invited, 0..1. */
  samplingRate: number;
  /** Days after a survey during which the same customer is not invited again. */
  cooldownDays: number;
  quietHours: QuietHours | null;
  /** After this long without an answer the invitee counts as a non-responder. */
  answerTimeoutMinutes: number;
  /** After this long without an answer the invitee is reminded once; null: never. Shorter than the answer timeout. */
  reminderAfterMinutes: number | null;
  reasonQuestion: string | null;
  improvementQuestion: string | null;
  contactQuestion: string | null;
  reviewUrl: string | null;
  /** The channels tried in order, each after the previous one's wait; empty: the contact's own channel only. */
  cascade: CascadeStep[];
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const questionCode = (what: string, example: string) =>
  z.string('must be a string').regex(CODE, 'must be a question code of the pool').meta({ description: `Code of the ${what}`, example });

/** A daily window when no invitation is sent (it waits until the end). */
export const quietHoursSchema = z
  .strictObject({
    start: z.string('must be a string').regex(HH_MM, 'must be a time as HH:MM').meta({ description: 'HH:MM, local time', example: '21:00' }),
    end: z.string('must be a string').regex(HH_MM, 'must be a time as HH:MM').meta({ description: 'HH:MM, local time', example: '09:00' }),
    timeZone: z.string('must be a string').refine(isTimeZone, 'must be an IANA time zone such as Europe/Kyiv').meta({ description: 'IANA time zone', example: 'Europe/Kyiv' }),
  })
  .meta({ id: 'QuietHours', description: 'No invitations in this daily window: they wait until it ends' });

/** A policy's settings as written, without defaults; the API's answers carry the same ones. */
export const surveyPolicyFields = {
  name: z.string('must be a string').trim().min(1, 'must not be empty').max(100, 'takes at most 100 characters').meta({ example: 'Branch visits' }),
  serviceTypes: z
    .array(z.string('must be a string').trim().min(1, 'must not be empty').max(100, 'takes at most 100 characters'))
    .max(100, 'takes at most 100 service types')
    .meta({ description: 'Service types it covers; empty: the default for all others', example: ['branch-visit'] }),
  integralMetric: z.enum(INTEGRAL_METRICS, 'must be one of nps, ces, csat').meta({ description: 'The integral question asked first' }),
  poolId: z.uuid('must be the id of a question pool').meta({ description: 'The question pool; the examples name questions of the seeded "Post-contact" pool' }),
  maxQuestions: z
    .number()
    .int('must be a whole number')
    .min(0)
    .max(10, 'must be at most 10: a survey must stay short')
    .meta({ description: 'Questions drawn from the pool after the integral part', example: 3 }),
  samplingRate: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').meta({ description: 'Share of finished contacts invited', example: 1 }),
  cooldownDays: z.number().int('must be a whole number').min(0).max(3650).meta({ description: 'Days before the same customer is invited again', example: 30 }),
  quietHours: quietHoursSchema.nullable(),
  answerTimeoutMinutes: z
    .number()
    .int('must be a whole number')
    .min(1)
    .max(43200)
    .meta({ description: 'Minutes without an answer after which the invitee is a non-responder', example: 1440 }),
  reminderAfterMinutes: z
    .number()
    .int('must be a whole number')
    .min(1)
    .max(43200)
    .meta({ description: 'Minutes without an answer after which the invitee is reminded once (shorter than answerTimeoutMinutes); null: no reminder', example: 240 })
    .nullable(),
  reasonQuestion: questionCode('single_choice question of the pool asked after a negative score', 'reason').nullable(),
  improvementQuestion: questionCode('free_text question of the pool asked after a neutral score', 'improvement').nullable(),
  contactQuestion: questionCode('contact question of the pool offered to put a complaint right', 'contact').nullable(),
  reviewUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .meta({ description: 'An http(s) review page offered to promoters', example: 'https://g.page/r/turbota-example/review' })
    .nullable(),
  cascade: cascadeSchema,
};

const f = surveyPolicyFields;

/** A new policy: the required fields, the rest defaulted; a reminder, and a cascade's last step, come before the answer timeout. */
export const surveyPolicyInputSchema = z
  .strictObject({
    ...f,
    serviceTypes: f.serviceTypes.default([]),
    maxQuestions: f.maxQuestions.default(3),
    samplingRate: f.samplingRate.default(1),
    cooldownDays: f.cooldownDays.default(30),
    quietHours: f.quietHours.default(null),
    answerTimeoutMinutes: f.answerTimeoutMinutes.default(1440),
    reminderAfterMinutes: f.reminderAfterMinutes.default(null),
    reasonQuestion: f.reasonQuestion.default(null),
    improvementQuestion: f.improvementQuestion.default(null),
    contactQuestion: f.contactQuestion.default(null),
    reviewUrl: f.reviewUrl.default(null),
    cascade: f.cascade.default([]),
  })
  .refine((p) => p.reminderAfterMinutes === null || p.reminderAfterMinutes < p.answerTimeoutMinutes, {
    path: ['reminderAfterMinutes'],
    message: 'must be shorter than answerTimeoutMinutes: a reminder after the timeout would come too late',
  })
  .refine((p) => p.cascade.length === 0 || p.reminderAfterMinutes === null, {
    path: ['reminderAfterMinutes'],
    message: 'must be null when a cascade is set: a cascade reminds by its next channel',
  })
  .refine((p) => cascadeWaitMinutes(p.cascade) < p.answerTimeoutMinutes, {
    path: ['cascade'],
    message: 'its waits must add up to less than answerTimeoutMinutes: the last step needs time to be answered',
  })
  .meta({ id: 'SurveyPolicyInput' });

/**
 * A change to a policy: the settings given, and what GET returned of it besides, unchanged.
 * Laid over the current settings, the result is checked as a whole ({@link parsePolicyChange}).
 */
export const surveyPolicyChangeSchema = acceptingReadOnlyEcho(z.strictObject(surveyPolicyFields).partial().shape).meta({ id: 'SurveyPolicyChange' });

export type SurveyPolicyInput = z.infer<typeof surveyPolicyInputSchema>;
export type SurveyPolicyChange = z.infer<typeof surveyPolicyChangeSchema>;

/** A new policy from outside (a seed file): the required fields, the rest defaulted. */
export function parsePolicy(input: unknown): Parsed<SurveyPolicySettings> {
  return report(surveyPolicyInputSchema.safeParse(input));
}

/** A change to a policy laid over the current settings, checked as a whole (a reminder before the timeout). */
export function parsePolicyChange(current: SurveyPolicySettings, change: Partial<SurveyPolicySettings>): Parsed<SurveyPolicySettings> {
  return report(surveyPolicyInputSchema.safeParse({ ...current, ...change }));
}

/** The question codes a policy names must exist in its pool, with the right types. */
export function checkPolicyAgainstPool(policy: SurveyPolicySettings, questions: Question[]): FieldProblem[] {
  const byCode = new Map(questions.map((q) => [q.code, q]));
  const errors: FieldProblem[] = [];
  if (!questions.some((q) => q.type === policy.integralMetric)) {
    errors.push({ field: 'integralMetric', problems: [`The pool has no ${policy.integralMetric} question`] });
  }
  const roles: [keyof SurveyPolicySettings, Question['type'][]][] = [
    ['reasonQuestion', ['single_choice']],
    ['improvementQuestion', ['free_text']],
    ['contactQuestion', ['contact']],
  ];
  for (const [field, types] of roles) {
    const wanted = policy[field] as string | null;
    if (wanted === null) continue;
    const question = byCode.get(wanted);
    if (!question) errors.push({ field, problems: [`The pool has no question "${wanted}"`] });
    else if (!types.includes(question.type)) errors.push({ field, problems: [`Question "${wanted}" is ${question.type}, not ${types.join(' or ')}`] });
  }
  return errors;
}

function report<T>(result: z.ZodSafeParseResult<T>): Parsed<T> {
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(body)',
      problems: [issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message],
    })),
  };
}

/** Whether the runtime knows the IANA time zone (`Europe/Kyiv`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
