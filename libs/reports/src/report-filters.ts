/** Ways a report can cut its figures: by a contact attribute or by a calendar period (UTC). */
export const GROUP_BY = ['channel', 'agent', 'service_type', 'point_of_service', 'locale', 'day', 'week', 'month'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** Calendar periods a trend is broken into. */
export const INTERVALS = ['day', 'week', 'month'] as const;
export type TrendInterval = (typeof INTERVALS)[number];

/**
 * Which answers a report counts: a period of whole UTC days (both ends included, the API's one
 * date rule, as the daily rollups are kept by UTC day) and contact attributes.
 */
export interface ReportFilters {
  /** First day, YYYY-MM-DD (UTC). */
  from?: string;
  /** Last day, YYYY-MM-DD (UTC), included. */
  to?: string;
  channel?: string;
  locale?: string;
  agent?: string;
  serviceType?: string;
  pointOfService?: string;
}

const ATTRIBUTES = [
  ['channel', 'channel'],
  ['locale', 'locale'],
  ['agent', 'agent'],
  ['serviceType', 'service_type'],
  ['pointOfService', 'point_of_service'],
] as const;

/** SQL conditions with their positional parameters, to AND into a WHERE clause. */
export interface SqlConditions {
  sql: string[];
  parameters: unknown[];
}

/** The moment a period starts (inclusive) and ends (exclusive), for timestamp columns. */
export function periodBounds(filters: ReportFilters): { start?: Date; end?: Date } {
  const start = filters.from ? new Date(`${filters.from}T00:00:00.000Z`) : undefined;
  const end = filters.to ? new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + 86_400_000) : undefined;
  return { start, end };
}

/** Conditions over a table with the contact attribute columns; `period` names its day or timestamp column. */
export function attributeConditions(
  filters: ReportFilters,
  options: { alias: string; period: { column: string; kind: 'day' | 'timestamp' } },
  into: SqlConditions = { sql: [], parameters: [] },
): SqlConditions {
  const { alias, period } = options;
  const add = (sql: (placeholder: string) => string, value: unknown) => into.sql.push(sql(`$${into.parameters.push(value)}`));
  for (const [field, column] of ATTRIBUTES) {
    const value = filters[field];
    if (value !== undefined) add((p) => `${alias}."${column}" = ${p}`, value);
  }
  const column = `${alias}."${period.column}"`;
  if (period.kind === 'day') {
    if (filters.from) add((p) => `${column} >= ${p}::date`, filters.from);
    if (filters.to) add((p) => `${column} <= ${p}::date`, filters.to);
  } else {
    const { start, end } = periodBounds(filters);
    if (start) add((p) => `${column} >= ${p}`, start);
    if (end) add((p) => `${column} < ${p}`, end);
  }
  return into;
}

/** `WHERE a AND b …`, or nothing when there are no conditions. */
export function whereOf(conditions: SqlConditions): string {
  return conditions.sql.length ? `WHERE ${conditions.sql.join(' AND ')}` : '';
}
