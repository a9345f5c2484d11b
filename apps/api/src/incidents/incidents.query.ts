import { z } from 'zod';
import { INCIDENT_PRIORITIES, INCIDENT_STATUSES, type IncidentStatus } from '@turbota/incidents';
import { DATE_DOCS, dayOrInstantField, FROM_AFTER_TO, fromNotAfterTo } from '../date-range';
import { CURSOR_PATTERN } from '../keyset-cursor';

const text = (field: string) => z.string().trim().min(1, `${field} must not be empty`).max(200, `${field} takes at most 200 characters`);

/** `limit` and `cursor`, as every list of the API takes them. */
export const pageQuery = {
  limit: z.coerce
    .number('limit must be a number')
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(200, 'limit must be at most 200')
    .meta({ description: 'Items per page' })
    .default(50),
  cursor: z.string().regex(CURSOR_PATTERN, 'cursor must be a value returned as nextCursor').meta({ description: 'nextCursor of the previous page' }).optional(),
};

/** `status=new,acknowledged`: one or more of the given values. */
export function listOf<T extends string>(field: string, values: readonly T[]) {
  return z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()))
    .refine((list) => list.every((s) => (values as readonly string[]).includes(s)), `${field} must be one or more of ${values.join(', ')}, separated by commas`)
    .transform((list) => list as T[]);
}

/** `GET /incidents`: every filter given must hold; `from`/`to` follow the API's one date rule. */
export const incidentsQuerySchema = z
  .strictObject({
    status: listOf<IncidentStatus>('status', INCIDENT_STATUSES)
      .meta({ description: `One or more of ${INCIDENT_STATUSES.join(', ')}, separated by commas`, example: 'new,acknowledged' })
      .optional(),
    priority: z.enum(INCIDENT_PRIORITIES, `priority must be one of ${INCIDENT_PRIORITIES.join(', ')}`).optional(),
    reasonCode: text('reasonCode').meta({ description: 'The complaint reason code', example: 'impolite' }).optional(),
    agent: text('agent').optional(),
    pointOfService: text('pointOfService').optional(),
    serviceType: text('serviceType').optional(),
    channel: text('channel').optional(),
    problemId: z.uuid('problemId must be a UUID').meta({ description: 'Only the incidents of this problem' }).optional(),
    breached: z
      .enum(['true', 'false'], 'breached must be true or false')
      .transform((v) => v === 'true')
      .meta({ description: 'true: a passed SLA deadline is still unmet; false: none is' })
      .optional(),
    owner: z
      .union([z.uuid(), z.enum(['me', 'none'])], 'owner must be a person\'s id, me or none')
      .meta({ description: "A person's id: the incidents they own; me: those of the signed-in person (a session only); none: those nobody owns", example: 'me' })
      .optional(),
    from: dayOrInstantField('from').meta({ description: `Created on or after: ${DATE_DOCS.fromDayOrInstant}`, example: '2026-11-30' }).optional(),
    to: dayOrInstantField('to').meta({ description: `Created up to: ${DATE_DOCS.toDayOrInstant}`, example: '2026-11-30' }).optional(),
    ...pageQuery,
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

/** The incidents query, checked (`from`/`to` still as written; `periodOf` turns them into moments). */
export type IncidentsQuery = z.infer<typeof incidentsQuerySchema>;
