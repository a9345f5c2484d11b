import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectPath } from '@turbota/common';
import { INCIDENT_PRIORITIES } from './incident.model';
import type { PriorityPolicy } from './incident-priority';
import { PROBLEM_DIMENSIONS, type ProblemRule } from './problem-rule';
import type { SlaPolicy } from './sla-policy';

/** `config/incidents.json`: the SLA per priority, how priority is decided, and when incidents make a problem. */
export interface IncidentsConfig {
  sla: SlaPolicy;
  priority: PriorityPolicy;
  problems: ProblemRule;
}

const minutes = z.number('must be a number of minutes').int('must be a whole number of minutes').min(1, 'must be at least 1').max(525_600, 'must be at most a year');

const deadlines = z
  .strictObject({ acknowledgeMinutes: minutes, resolveMinutes: minutes })
  .refine((d) => d.resolveMinutes >= d.acknowledgeMinutes, { message: 'resolveMinutes must not be shorter than acknowledgeMinutes', path: ['resolveMinutes'] });

const priority = z.enum(INCIDENT_PRIORITIES, `must be one of ${INCIDENT_PRIORITIES.join(', ')}`);
const score = z.number('must be a number').int('must be a whole number').min(0, 'must be at least 0').max(10, 'must be at most 10');

const rule = z
  .strictObject({
    priority,
    metric: z.enum(['nps', 'ces', 'csat'], 'must be one of nps, ces, csat').optional(),
    scoreFrom: score.optional(),
    scoreTo: score.optional(),
    reasons: z.array(z.string().min(1, 'must not be empty')).min(1, 'must name at least one reason').optional(),
  })
  .refine((r) => r.scoreFrom === undefined || r.scoreTo === undefined || r.scoreFrom <= r.scoreTo, { message: 'scoreFrom must not exceed scoreTo', path: ['scoreTo'] })
  .refine((r) => r.metric !== undefined || (r.scoreFrom === undefined && r.scoreTo === undefined), {
    message: 'a score range needs the metric it is on',
    path: ['metric'],
  })
  .refine((r) => r.metric !== undefined || r.reasons !== undefined, 'a rule needs a metric or reasons to match');

const schema = z.strictObject({
  sla: z.strictObject({ high: deadlines, normal: deadlines, low: deadlines }),
  priority: z.strictObject({ default: priority, rules: z.array(rule) }),
  problems: z.strictObject({
    minIncidents: z.number('must be a number').int('must be a whole number').min(2, 'must be at least 2').max(1000, 'must be at most 1000'),
    // Optional so that files written before it keep working; 2 means one person alone never makes a problem.
    minCustomers: z.number('must be a number').int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(2),
    windowDays: z.number('must be a number').int('must be a whole number').min(1, 'must be at least 1').max(365, 'must be at most 365'),
    dimensions: z
      .array(z.enum(PROBLEM_DIMENSIONS, `must be one of ${PROBLEM_DIMENSIONS.join(', ')}`))
      .min(1, 'must name at least one dimension')
      .refine((d) => new Set(d).size === d.length, 'must not repeat a dimension'),
  }),
});

/** Checks the settings; throws naming the file and every wrong field. */
export function parseIncidentsConfig(json: unknown, file = 'config/incidents.json'): IncidentsConfig {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const message = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
    return field ? `${field}: ${message}` : message;
  });
  throw new Error(`${file} is not valid: ${problems.join('; ')}`);
}

/** Reads and checks the settings file, so a broken one stops start-up with its problems. */
export function readIncidentsConfig(path: string, file = 'config/incidents.json'): IncidentsConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${file} cannot be read as JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseIncidentsConfig(json, file);
}

/** Injection token of the checked `config/incidents.json`. */
export const INCIDENTS_CONFIG = Symbol('INCIDENTS_CONFIG');

/** Reads `config/incidents.json` once at start-up: a broken file stops start-up naming the field. */
export const incidentsConfigProvider = {
  provide: INCIDENTS_CONFIG,
  useFactory: (): IncidentsConfig => readIncidentsConfig(projectPath('config', 'incidents.json')),
};
