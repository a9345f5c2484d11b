import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { STANDARD_EVENTS } from '@turbota/standard';

const versionNumber = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, 'version must be a positive whole number')
  .transform(Number);

/** `GET /standard/next-steps?event=&locale=&version=`. */
export const nextStepsQuerySchema = z.strictObject({
  event: z.enum(STANDARD_EVENTS, `event must be one of ${STANDARD_EVENTS.join(', ')}`),
  locale: z.enum(LOCALES, `locale must be one of ${LOCALES.join(', ')}`).optional(),
  version: versionNumber.optional(),
});

export class NextStepsQueryDoc {
  @ApiProperty({ enum: STANDARD_EVENTS }) event: string;
  @ApiPropertyOptional({ enum: LOCALES, description: 'DEFAULT_LOCALE when left out' }) locale?: string;
  @ApiPropertyOptional({ description: 'The current version when left out' }) version?: number;
}
