import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { dayOrInstantField, FROM_AFTER_TO, fromNotAfterTo } from '../date-range';
import { CURSOR_PATTERN } from '../keyset-cursor';

const text = (field: string, description: string) =>
  z
    .string(`${field} must be a string`)
    .trim()
    .min(1, `${field} must not be empty`)
    .max(200, `${field} takes at most 200 characters`)
    .meta({ description });

const filters = {
  from: dayOrInstantField('from', 'answered on or after').optional(),
  to: dayOrInstantField('to', 'answered up to').optional(),
  channel: text('channel', 'only this channel, e.g. telegram').optional(),
  locale: z.enum(LOCALES, `locale must be one of ${LOCALES.join(', ')}`).meta({ description: 'only this language' }).optional(),
  pointOfService: text('pointOfService', 'only this point of service (its code)').optional(),
  agent: text('agent', 'only this agent').optional(),
  serviceType: text('serviceType', 'only this service type').optional(),
  questionCode: text('questionCode', 'only the answers to this question (its code in the pool)').optional(),
  questionType: text('questionType', 'only the answers to questions of this type: nps, ces, csat, likert, single_choice or free_text').optional(),
  integral: z
    .enum(['true', 'false'], 'integral must be true or false')
    .meta({ description: 'true: only the integral question (NPS, CES or CSAT) that opened each survey; false: only the others' })
    .optional(),
  conversationId: z.uuid('conversationId must be a UUID').meta({ description: 'only the answers of this conversation' }).optional(),
  source: z
    .enum(['dialogue', 'import'], 'source must be dialogue or import')
    .meta({ description: "dialogue: our own surveys; import: another tool's answers brought in by CSV" })
    .optional(),
};

/** `GET /api/v1/responses`: the filters, and a page. */
export const responsesQuerySchema = z
  .strictObject({
    ...filters,
    limit: z.coerce
      .number('limit must be a number')
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(500, 'limit must be at most 500')
      .meta({ description: 'answers per page' })
      .default(50),
    cursor: z.string('cursor must be a string').regex(CURSOR_PATTERN, 'cursor must be a value returned as nextCursor').meta({ description: 'nextCursor of the previous page' }).optional(),
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

export type ResponsesQuery = z.infer<typeof responsesQuerySchema>;

/** `GET /api/v1/responses/export`: the list's filters, without paging (the export streams them all). */
export const responsesExportQuerySchema = z.strictObject(filters).refine(fromNotAfterTo, FROM_AFTER_TO);

export type ResponsesFilters = z.infer<typeof responsesExportQuerySchema>;
