import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { DATE_DOCS, dayOrInstantField, FROM_AFTER_TO, fromNotAfterTo } from '../date-range';
import { CURSOR_PATTERN } from '../keyset-cursor';

const text = (field: string) => z.string().trim().min(1, `${field} must not be empty`).max(200, `${field} takes at most 200 characters`);
const filters = {
  from: dayOrInstantField('from').optional(),
  to: dayOrInstantField('to').optional(),
  channel: text('channel').optional(),
  locale: z.enum(LOCALES, `locale must be one of ${LOCALES.join(', ')}`).optional(),
  pointOfService: text('pointOfService').optional(),
  agent: text('agent').optional(),
  serviceType: text('serviceType').optional(),
  questionCode: text('questionCode').optional(),
  questionType: text('questionType').optional(),
  integral: z.enum(['true', 'false'], 'integral must be true or false').optional(),
  conversationId: z.uuid('conversationId must be a UUID').optional(),
  source: z.enum(['dialogue', 'import'], 'source must be dialogue or import').optional(),
};

export const responsesQuerySchema = z
  .strictObject({
    ...filters,
    limit: z.coerce.number('limit must be a number').int('limit must be a whole number').min(1, 'limit must be at least 1').max(500, 'limit must be at most 500').default(50),
    cursor: z.string().regex(CURSOR_PATTERN, 'cursor must be a value returned as nextCursor').optional(),
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

export type ResponsesQuery = z.infer<typeof responsesQuerySchema>;

/** `GET /api/v1/responses/export`: the list's filters, without paging (the export streams them all). */
export const responsesExportQuerySchema = z.strictObject(filters).refine(fromNotAfterTo, FROM_AFTER_TO);

export type ResponsesFilters = z.infer<typeof responsesExportQuerySchema>;

/** For the OpenAPI document only; `responsesQuerySchema` checks the query. */
export class ResponsesQueryDoc {
  @ApiPropertyOptional({ description: `answered on or after: ${DATE_DOCS.fromDayOrInstant}`, example: '2026-11-30' }) from?: string;
  @ApiPropertyOptional({ description: `answered up to: ${DATE_DOCS.toDayOrInstant}`, example: '2026-11-30' }) to?: string;
  @ApiPropertyOptional() channel?: string;
  @ApiPropertyOptional({ enum: LOCALES }) locale?: string;
  @ApiPropertyOptional() pointOfService?: string;
  @ApiPropertyOptional() agent?: string;
  @ApiPropertyOptional() serviceType?: string;
  @ApiPropertyOptional() questionCode?: string;
  @ApiPropertyOptional({ enum: ['nps', 'ces', 'csat', 'likert', 'single_choice', 'free_text'] }) questionType?: string;
  @ApiPropertyOptional({ description: 'only the integral question (NPS, CES or CSAT) that opened each survey', enum: ['true', 'false'] })
  integral?: string;
  @ApiPropertyOptional({ format: 'uuid' }) conversationId?: string;
  @ApiPropertyOptional({ enum: ['dialogue', 'import'] }) source?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 }) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) cursor?: string;
}

/** For the OpenAPI document only; `responsesExportQuerySchema` checks the query. */
export class ResponsesExportQueryDoc extends OmitType(ResponsesQueryDoc, ['limit', 'cursor'] as const) {}
