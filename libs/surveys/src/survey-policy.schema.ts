import { z } from 'zod';
import { CODE, type FieldProblem, type Parsed } from './question-pool.schema';
import { INTEGRAL_METRICS, type IntegralMetric, type Question } from './question';

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
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const code = z.string().regex(CODE, 'must be a question code of the pool');

const quietHoursSchema = z.strictObject({
  start: z.string().regex(HH_MM, 'must be a time as HH:MM'),
  end: z.string().regex(HH_MM, 'must be a time as HH:MM'),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Kyiv'),
});

/** Every field, with the defaults a new policy gets. */
const policySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'takes at most 100 characters'),
  serviceTypes: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  integralMetric: z.enum(INTEGRAL_METRICS, 'must be one of nps, ces, csat'),
  poolId: z.uuid('must be the id of a question pool'),
  maxQuestions: z.number().int('must be a whole number').min(0).max(10, 'must be at most 10: a survey must stay short').default(3),
  samplingRate: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(1),
  cooldownDays: z.number().int('must be a whole number').min(0).max(3650).default(30),
  quietHours: quietHoursSchema.nullable().default(null),
  answerTimeoutMinutes: z.number().int('must be a whole number').min(1).max(43200).default(1440),
  reminderAfterMinutes: z.number().int('must be a whole number').min(1).max(43200).nullable().default(null),
  reasonQuestion: code.nullable().default(null),
  improvementQuestion: code.nullable().default(null),
  contactQuestion: code.nullable().default(null),
  reviewUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).nullable().default(null),
}).refine((p) => p.reminderAfterMinutes === null || p.reminderAfterMinutes < p.answerTimeoutMinutes, {
  path: ['reminderAfterMinutes'],
  message: 'must be shorter than answerTimeoutMinutes: a reminder after the timeout would come too late',
});

/** A new policy: the required fields, the rest defaulted. */
export function parsePolicy(input: unknown): Parsed<SurveyPolicySettings> {
  return report(policySchema.safeParse(input));
}

/** A change to a policy: only the fields given, laid over the current settings. */
export function parsePolicyChange(current: SurveyPolicySettings, input: unknown): Parsed<SurveyPolicySettings> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '(body)', problems: ['must be a JSON object with the fields to change'] }] };
  }
  return report(policySchema.safeParse({ ...current, ...input }));
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
