import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';
import { z } from 'zod';

/** `:id` path parameters: a UUID, or 400 saying so. */
export const UUID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

/** `?includeArchived=true|false`. */
export const includeArchivedQuery = z.strictObject({
  includeArchived: z.enum(['true', 'false'], 'includeArchived must be true or false').optional(),
});
