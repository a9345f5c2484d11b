import { z } from 'zod';
import { AUDIT_SUBJECT_KINDS } from '@turbota/audit';
import { dayOrInstantField, FROM_AFTER_TO, fromNotAfterTo } from '../date-range';
import { CURSOR_PATTERN } from '../keyset-cursor';

/** `GET /api/v1/audit`: filters and a page. */
export const auditQuerySchema = z
  .strictObject({
    subjectKind: z
      .enum(AUDIT_SUBJECT_KINDS, `subjectKind must be one of ${AUDIT_SUBJECT_KINDS.join(', ')}`)
      .meta({ description: 'only changes to this kind of configuration' })
      .optional(),
    subjectId: z
      .string('subjectId must be a string')
      .trim()
      .min(1, 'subjectId must not be empty')
      .max(100, 'subjectId takes at most 100 characters')
      .meta({ description: "only changes to this pool, policy, point, campaign, key or person (its id), or this version of the standard (its number)" })
      .optional(),
    from: dayOrInstantField('from', 'changed on or after').optional(),
    to: dayOrInstantField('to', 'changed up to').optional(),
    limit: z.coerce
      .number('limit must be a number')
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(200, 'limit must be at most 200')
      .meta({ description: 'entries per page' })
      .default(50),
    cursor: z.string('cursor must be a string').regex(CURSOR_PATTERN, 'cursor must be a value returned as nextCursor').meta({ description: 'nextCursor of the previous page' }).optional(),
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

export type AuditQuery = z.infer<typeof auditQuerySchema>;
