import { ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { INCIDENT_ACTIONS, INCIDENT_PRIORITIES, INCIDENT_STATUSES, type IncidentStatus } from '@turbota/incidents';
import { DATE_DOCS, dayOrInstantField, FROM_AFTER_TO, fromNotAfterTo, periodOf } from '../date-range';
import { CURSOR_PATTERN } from '../keyset-cursor';

const text = (field: string) => z.string().trim().min(1, `${field} must not be empty`).max(200, `${field} takes at most 200 characters`);
/** `limit` and `cursor`, as every list of the API takes them. */
export const pageQuery = {
  limit: z.coerce.number('limit must be a number').int('limit must be a whole number').min(1, 'limit must be at least 1').max(200, 'limit must be at most 200').default(50),
  cursor: z.string().regex(CURSOR_PATTERN, 'cursor must be a value returned as nextCursor').optional(),
};

/** `status=new,acknowledged`: one or more of the given values. */
export function listOf<T extends string>(field: string, values: readonly T[]) {
  return z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()))
    .refine((list) => list.every((s) => (values as readonly string[]).includes(s)), `${field} must be one or more of ${values.join(', ')}, separated by commas`)
    .transform((list) => list as T[]);
}

export const incidentsQuerySchema = z
  .strictObject({
    status: listOf<IncidentStatus>('status', INCIDENT_STATUSES).optional(),
    priority: z.enum(INCIDENT_PRIORITIES, `priority must be one of ${INCIDENT_PRIORITIES.join(', ')}`).optional(),
    reasonCode: text('reasonCode').optional(),
    agent: text('agent').optional(),
    pointOfService: text('pointOfService').optional(),
    serviceType: text('serviceType').optional(),
    channel: text('channel').optional(),
    problemId: z.uuid('problemId must be a UUID').optional(),
    breached: z.enum(['true', 'false'], 'breached must be true or false').transform((v) => v === 'true').optional(),
    from: dayOrInstantField('from').optional(),
    to: dayOrInstantField('to').optional(),
    ...pageQuery,
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO)
  // The incident list takes the moments the period covers, `to` excluded.
  .transform(({ from, to, ...rest }) => {
    const { start, end } = periodOf({ from, to });
    return { ...rest, from: start, to: end };
  });

export type IncidentsQuery = z.infer<typeof incidentsQuerySchema>;

/** `POST /incidents/{id}/transitions`; the domain checks what each action needs (a note to reject, ...). */
export const transitionBodySchema = z.strictObject({
  action: z.enum(INCIDENT_ACTIONS, `action must be one of ${INCIDENT_ACTIONS.join(', ')}`),
  note: z.string('note must be a string').max(2000, 'note takes at most 2000 characters').optional(),
  justified: z.boolean('justified must be true or false').optional(),
});

/** For the OpenAPI document only; `incidentsQuerySchema` checks the query. */
export class IncidentsQueryDoc {
  @ApiPropertyOptional({ description: `one or more of ${INCIDENT_STATUSES.join(', ')}, separated by commas` }) status?: string;
  @ApiPropertyOptional({ enum: INCIDENT_PRIORITIES }) priority?: string;
  @ApiPropertyOptional({ description: 'the complaint reason code, e.g. impolite' }) reasonCode?: string;
  @ApiPropertyOptional() agent?: string;
  @ApiPropertyOptional() pointOfService?: string;
  @ApiPropertyOptional() serviceType?: string;
  @ApiPropertyOptional() channel?: string;
  @ApiPropertyOptional({ format: 'uuid' }) problemId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: a passed SLA deadline is still unmet; false: none is' }) breached?: string;
  @ApiPropertyOptional({ description: `created on or after: ${DATE_DOCS.fromDayOrInstant}`, example: '2026-11-30' }) from?: string;
  @ApiPropertyOptional({ description: `created up to: ${DATE_DOCS.toDayOrInstant}`, example: '2026-11-30' }) to?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) cursor?: string;
}
