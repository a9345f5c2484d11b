import { z } from 'zod';
import { PROBLEM_ACTIONS, PROBLEM_DIMENSIONS, PROBLEM_STATUSES } from '@turbota/incidents';
import { apiRecord, instant } from '../api-records';
import { actorSchema, incidentSchema } from '../incidents/incident.schemas';

/** `POST /problems/{id}/transitions`. */
export const problemTransitionInputSchema = z
  .strictObject({
    action: z
      .enum(PROBLEM_ACTIONS, `action must be one of ${PROBLEM_ACTIONS.join(', ')}`)
      .meta({ description: 'investigate (open -> investigating), fix (-> fixed), reopen (fixed -> open)' }),
    note: z
      .string('note must be a string')
      .max(2000, 'note takes at most 2000 characters')
      .meta({ description: 'What was found or done', example: 'Two cashiers were on leave; a third window opens on Mondays' })
      .optional(),
  })
  .meta({ id: 'ProblemTransitionInput' });

export type ProblemTransitionInput = z.infer<typeof problemTransitionInputSchema>;

/** A problem as the lists show it: repeated incidents with one reason at one point of service, agent or service type. */
export const problemSchema = apiRecord('Problem', {
  number: z.int().meta({ example: 7, description: 'Short number for people: PRB-7' }),
  status: z.enum(PROBLEM_STATUSES),
  version: z.int().meta({ description: 'Send it back as If-Match to refuse acting on a changed problem' }),
  reasonCode: z.string().meta({ example: 'waiting' }),
  dimension: z.enum(PROBLEM_DIMENSIONS).meta({ description: 'What the incidents share besides the reason' }),
  value: z.string().meta({ example: 'kyiv-central', description: 'The shared point of service, agent or service type' }),
  windowDays: z.int().meta({ description: "The rule's window when it was detected" }),
  incidentCount: z.int(),
  firstSeenAt: instant(),
  lastSeenAt: instant(),
  fixedAt: instant().nullable(),
  allowedActions: z.array(z.enum(PROBLEM_ACTIONS)).meta({ description: 'What may be done now' }),
  slack: z.strictObject({ channel: z.string(), ts: z.string() }).meta({ description: "Where the supervisors' Slack message is; null until posted" }).nullable(),
});

const problemHistoryEntrySchema = z
  .strictObject({
    at: instant(),
    action: z.enum(['detect', 'link', ...PROBLEM_ACTIONS]),
    from: z.enum(PROBLEM_STATUSES).nullable(),
    to: z.enum(PROBLEM_STATUSES),
    actor: actorSchema,
    note: z.string().nullable(),
    incidentId: z.uuid().meta({ description: 'The incident that joined (detect, link)' }).nullable(),
  })
  .meta({ id: 'ProblemHistoryEntry' });

/** A problem with its incidents and its history: what reading and moving one answer. */
export const problemDetailSchema = problemSchema
  .extend({
    incidents: z.array(incidentSchema).meta({ description: 'Newest first; contacts masked unless the key is a supervisor or admin' }),
    history: z.array(problemHistoryEntrySchema).meta({ description: 'Oldest first' }),
  })
  .meta({ id: 'ProblemDetail' });

/** A page of problems, newest first. */
export const problemPageSchema = z
  .strictObject({
    items: z.array(problemSchema),
    nextCursor: z.string().meta({ description: 'Pass it as cursor for the next page; null at the end' }).nullable(),
  })
  .meta({ id: 'ProblemPage' });
