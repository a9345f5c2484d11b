import { applyDecorators, BadRequestException, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { ApiHeader, ApiPreconditionFailedResponse } from '@nestjs/swagger';
import { z } from 'zod';

/** `:id` path parameters: a UUID, or 400 saying so. */
export const UUID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

/** `:version` path parameters: a version number as the database keeps it (1 to 999,999,999), or 400 saying so. */
export const VERSION_PARAM: PipeTransform<string, number> = {
  transform(value: string): number {
    if (!/^[1-9]\d{0,8}$/.test(value)) throw new BadRequestException('version must be a whole number from 1 to 999999999');
    return Number(value);
  },
};

/** `?includeArchived=true|false` of a list of pools or policies: the archived ones too, or not (the default). */
export const includeArchivedQuery = z.strictObject({
  includeArchived: z
    .enum(['true', 'false'], 'must be true or false')
    .default('false')
    .transform((value) => value === 'true')
    .meta({ description: 'true: the archived ones too' }),
});

export type IncludeArchivedQuery = z.infer<typeof includeArchivedQuery>;

/** Documents the optional `If-Match` of a write that refuses a stale version with 412, saying what went stale. */
export function ApiIfMatch(stale: string, header = 'The version you read; a stale one is refused with 412') {
  return applyDecorators(ApiHeader({ name: 'If-Match', required: false, description: header }), ApiPreconditionFailedResponse({ description: stale }));
}

/** `If-Match: 3` or `If-Match: "3"`: the version the caller read, or 400 naming what it should be. */
export function ifMatchVersion(ifMatch: string | undefined, what: string): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(ifMatch);
  if (!match) throw new BadRequestException(`If-Match must be the version number of the ${what}, e.g. "3"`);
  return Number(match[1]);
}
