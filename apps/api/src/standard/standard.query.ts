import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { STANDARD_EVENTS } from '@turbota/standard';

/** `GET /standard/next-steps?event=&locale=&version=`. */
export const nextStepsQuerySchema = z.strictObject({
  event: z.enum(STANDARD_EVENTS, `event must be one of ${STANDARD_EVENTS.join(', ')}`),
  locale: z.enum(LOCALES, `locale must be one of ${LOCALES.join(', ')}`).meta({ description: 'DEFAULT_LOCALE when left out' }).optional(),
  version: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, 'version must be a positive whole number')
    .transform(Number)
    .meta({ description: 'The current version when left out' })
    .optional(),
});

export type NextStepsQuery = z.infer<typeof nextStepsQuerySchema>;
