import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/** A field of the input and what is wrong with it, as every 400 of the API lists them. */
export interface FieldErrors {
  field: string;
  problems: string[];
}

/** A 400 in the API's shape: `message` says it all in one line, `errors` per field. */
export function validationError(errors: FieldErrors[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: errors.map((e) => (e.field === '(body)' ? e.problems.join('; ') : `${e.field}: ${e.problems.join('; ')}`)).join('; '),
    errors,
  });
}

/** Parses a request part with a zod schema, or throws the API's 400 naming each wrong field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw validationError(
    parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(body)',
      problems: [issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message],
    })),
  );
}
