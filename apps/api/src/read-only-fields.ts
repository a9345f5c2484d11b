import { isDeepStrictEqual } from 'node:util';
import { validationError } from '@turbota/server';

/**
 * Makes GET → edit → PUT/PATCH work: the read-only fields a `GET` returned (`id`, `version`,
 * `createdAt`, …) may come back in the body, and are dropped when they still hold what the
 * resource holds. One that differs is refused with a 400 naming it, along with any field the
 * resource does not have, so that nobody mistakes a changed `id` or `version` for a change made.
 */
export function withoutEchoedReadOnly(body: unknown, current: object, readOnly: readonly string[]): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const held = current as Record<string, unknown>;
  const rest: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  const changed: string[] = [];
  for (const field of readOnly) {
    if (!(field in rest)) continue;
    if (!sameValue(rest[field], held[field])) changed.push(field);
    delete rest[field];
  }
  if (changed.length === 0) return rest;
  const unknown = Object.keys(rest).filter((field) => !(field in held));
  throw validationError([
    ...changed.map((field) => ({ field, problems: [`is read-only: leave it out, or send it as GET returned it (${JSON.stringify(held[field] ?? null)})`] })),
    ...(unknown.length ? [{ field: '(body)', problems: [`unknown field(s): ${unknown.join(', ')}`] }] : []),
  ]);
}

/** A value as it travelled through JSON: a Date came as its ISO string. */
function sameValue(sent: unknown, held: unknown): boolean {
  if (held instanceof Date) return typeof sent === 'string' && Date.parse(sent) === held.getTime();
  return isDeepStrictEqual(sent, held === undefined ? undefined : JSON.parse(JSON.stringify(held)));
}
