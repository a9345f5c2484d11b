import { z } from 'zod';

/** An instant as the API writes it: ISO 8601 in UTC with milliseconds. */
export const instant = () => z.iso.datetime({ message: 'must be an ISO 8601 instant' });

/**
 * A stored record as the API answers it, named `name` in the OpenAPI document: its id, the
 * fields given, and when it was created and last changed.
 */
export function apiRecord<Shape extends z.ZodRawShape>(name: string, fields: Shape) {
  return z.strictObject({ id: z.uuid(), ...fields, createdAt: instant(), updatedAt: instant() }).meta({ id: name });
}
