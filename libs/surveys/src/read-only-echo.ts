import { z } from 'zod';
import type { FieldProblem } from './question-pool.schema';

/** Whether a stored pool or policy is in use or archived. */
export const RECORD_STATUSES = ['active', 'archived'] as const;

const READ_ONLY = 'Read-only: what GET returned may come back unchanged (GET → edit → PATCH) and is then ignored; a different value is refused with 400';

/**
 * The fields GET answers of a pool or a policy besides its own settings. A change may carry
 * them back as they were, so that an admin tool can send the whole of what it read.
 */
export const readOnlyEchoFields = {
  id: z.uuid('must be a UUID').meta({ description: READ_ONLY }).optional(),
  status: z.enum(RECORD_STATUSES, `must be one of ${RECORD_STATUSES.join(', ')}`).meta({ description: READ_ONLY }).optional(),
  version: z.number('must be a number').int('must be a whole number').meta({ description: READ_ONLY }).optional(),
  createdAt: z.iso.datetime({ message: 'must be an ISO 8601 instant' }).meta({ description: READ_ONLY }).optional(),
  updatedAt: z.iso.datetime({ message: 'must be an ISO 8601 instant' }).meta({ description: READ_ONLY }).optional(),
};

type EchoField = keyof typeof readOnlyEchoFields;
const ECHO_FIELDS = Object.keys(readOnlyEchoFields) as EchoField[];

/** The read-only fields a change carried back. */
export type ReadOnlyEcho = Partial<{ id: string; status: (typeof RECORD_STATUSES)[number]; version: number; createdAt: string; updatedAt: string }>;

/** What the stored record holds of those fields. */
export interface ReadOnlyHeld {
  id: string;
  status: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A change of `fields` that may also carry the read-only fields back. They can be compared
 * with the record only once it is read ({@link changedReadOnly}); a body with fields the
 * record does not have is not what GET returned, so its read-only fields are refused with it.
 */
export function acceptingReadOnlyEcho<Shape extends z.ZodRawShape>(fields: Shape) {
  return z.strictObject({ ...fields, ...readOnlyEchoFields }).superRefine(
    (value, ctx) => {
      const sent = value as Record<string, unknown>;
      const wrong = new Set(ctx.issues.map((issue) => issue.path?.[0]));
      for (const field of ECHO_FIELDS) {
        if (sent[field] !== undefined && !wrong.has(field)) ctx.addIssue({ code: 'custom', path: [field], message: 'is read-only: leave it out' });
      }
    },
    { when: (payload) => payload.issues.some((issue) => issue.code === 'unrecognized_keys') },
  );
}

/** A change split into the read-only fields it carried back and the rest, what it changes. */
export function splitEcho<T extends ReadOnlyEcho>(change: T): { echo: ReadOnlyEcho; rest: Omit<T, EchoField> } {
  const { id, status, version, createdAt, updatedAt, ...rest } = change;
  return { echo: { id, status, version, createdAt, updatedAt }, rest };
}

/** Each read-only field carried back with another value than the record holds, naming the value to send. */
export function changedReadOnly(echo: ReadOnlyEcho, held: ReadOnlyHeld): FieldProblem[] {
  return ECHO_FIELDS.filter((field) => echo[field] !== undefined && !sameValue(echo[field], held[field])).map((field) => ({
    field,
    problems: [`is read-only: leave it out, or send it as GET returned it (${JSON.stringify(held[field])})`],
  }));
}

/** A value as it travelled through JSON: a Date came as its ISO string. */
function sameValue(sent: unknown, held: unknown): boolean {
  if (held instanceof Date) return typeof sent === 'string' && Date.parse(sent) === held.getTime();
  return sent === held;
}
