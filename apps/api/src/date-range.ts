import { z } from 'zod';

/**
 * The one rule for `from`/`to` everywhere in the API. A calendar day (`YYYY-MM-DD`) is a whole
 * day in UTC, the zone the daily rollups are kept in, and both ends are included:
 * `from=2026-11-30&to=2026-11-30` is the whole of 30 November on every endpoint. Lists of single
 * records (responses, their export, incidents) also take an exact moment with its offset; then
 * `from` is included and `to` excluded, so consecutive windows never count a record twice.
 * Reports count whole days only (their rollups hold days).
 */
export const DAY_RULE = 'a calendar day, YYYY-MM-DD (a whole day in UTC; to includes its day)';
const INSTANT_RULE = 'or an ISO 8601 date-time with a time zone, e.g. 2026-11-30T09:00:00+02:00 (an exact moment; to excludes it)';

/** OpenAPI descriptions of the rule; `dayField` and `dayOrInstantField` carry them. */
export const DATE_DOCS = {
  fromDay: 'first day, YYYY-MM-DD, a whole day in UTC',
  toDay: 'last day, YYYY-MM-DD, a whole day in UTC, included',
  fromDayOrInstant: 'first day, YYYY-MM-DD (from 00:00 UTC), or an exact moment with its offset (included), e.g. 2026-11-30T09:00:00+02:00',
  toDayOrInstant: 'last day, YYYY-MM-DD (to 24:00 UTC, the day included), or an exact moment with its offset (excluded)',
} as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** 2026-02-30 parses (it rolls over to March), so the day must survive the round trip. */
function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(value);
}

function isInstant(value: string): boolean {
  return INSTANT.test(value) && isCalendarDay(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));
}

const EXAMPLES = { from: '2026-11-01', to: '2026-11-30' } as const;

/** A `from` or `to` that must be a whole day (reports), documented with the rule. */
export function dayField(field: 'from' | 'to') {
  const message = `${field} must be ${DAY_RULE}`;
  return z
    .string(message)
    .refine(isCalendarDay, message)
    .meta({ description: field === 'from' ? DATE_DOCS.fromDay : DATE_DOCS.toDay, example: EXAMPLES[field] });
}

/**
 * A `from` or `to` that is a whole day or an exact moment (lists of records), documented with
 * the rule; `what` opens the description, e.g. "answered on or after".
 */
export function dayOrInstantField(field: 'from' | 'to', what?: string) {
  const message = `${field} must be ${DAY_RULE}, ${INSTANT_RULE}`;
  const rule = field === 'from' ? DATE_DOCS.fromDayOrInstant : DATE_DOCS.toDayOrInstant;
  return z
    .string(message)
    .refine((v) => isCalendarDay(v) || isInstant(v), message)
    .meta({ description: what ? `${what}: ${rule}` : rule, example: EXAMPLES[field] });
}

/** The moments a period covers: `start` included, `end` excluded; a day as `to` ends at the next midnight UTC. */
export interface Period {
  start?: Date;
  end?: Date;
}

/** Turns checked `from`/`to` values into the moments they stand for. */
export function periodOf(range: { from?: string; to?: string }): Period {
  const start = range.from === undefined ? undefined : isCalendarDay(range.from) ? new Date(`${range.from}T00:00:00.000Z`) : new Date(range.from);
  const end = range.to === undefined ? undefined : isCalendarDay(range.to) ? new Date(Date.parse(`${range.to}T00:00:00.000Z`) + DAY_MS) : new Date(range.to);
  return { start, end };
}

/** For `.refine`: a period whose start comes after its end is a mistake worth a 400, not an empty answer. */
export function fromNotAfterTo(range: { from?: string; to?: string }): boolean {
  const { start, end } = periodOf(range);
  return !start || !end || start.getTime() < end.getTime();
}

/** The 400 `fromNotAfterTo` gives, on `from`. */
export const FROM_AFTER_TO = { message: 'from must not be after to', path: ['from'] };
