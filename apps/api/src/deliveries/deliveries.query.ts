import { z } from 'zod';
import { CURSOR_PATTERN } from '../keyset-cursor';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;

/** `GET /api/v1/deliveries`: filters and a page. */
export const deliveriesQuerySchema = z.strictObject({
  status: z.enum(DELIVERY_STATUSES, `status must be one of ${DELIVERY_STATUSES.join(', ')}`).meta({ description: 'only messages in this state' }).optional(),
  channel: z
    .string('channel must be a string')
    .trim()
    .min(1, 'channel must not be empty')
    .max(50, 'channel takes at most 50 characters')
    .meta({ description: 'only this channel', example: 'telegram' })
    .optional(),
  conversationId: z.uuid('conversationId must be a UUID').meta({ description: 'only the messages of this conversation' }).optional(),
  limit: z.coerce
    .number('limit must be a number')
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(500, 'limit must be at most 500')
    .meta({ description: 'messages per page' })
    .default(50),
  cursor: z.string('cursor must be a string').regex(CURSOR_PATTERN, 'cursor must be a value returned as nextCursor').meta({ description: 'nextCursor of the previous page' }).optional(),
});

export type DeliveriesQuery = z.infer<typeof deliveriesQuerySchema>;
