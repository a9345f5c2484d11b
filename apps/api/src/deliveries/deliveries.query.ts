import { ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { CURSOR_PATTERN } from '../keyset-cursor';

export const deliveriesQuerySchema = z.strictObject({
  status: z.enum(['pending', 'sent', 'failed'], 'status must be one of pending, sent, failed').optional(),
  channel: z.string().trim().min(1).max(50).optional(),
  conversationId: z.uuid('conversationId must be a UUID').optional(),
  limit: z.coerce.number('limit must be a number').int('limit must be a whole number').min(1, 'limit must be at least 1').max(500, 'limit must be at most 500').default(50),
  cursor: z.string().regex(CURSOR_PATTERN, 'cursor must be a value returned as nextCursor').optional(),
});

export type DeliveriesQuery = z.infer<typeof deliveriesQuerySchema>;

/** For the OpenAPI document only. */
export class DeliveriesQueryDoc {
  @ApiPropertyOptional({ enum: ['pending', 'sent', 'failed'] }) status?: string;
  @ApiPropertyOptional({ example: 'telegram' }) channel?: string;
  @ApiPropertyOptional({ format: 'uuid' }) conversationId?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 }) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) cursor?: string;
}
