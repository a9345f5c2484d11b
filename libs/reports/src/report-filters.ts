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

/** The filters on contact attributes and the columns they compare. */
export const ATTRIBUTES = [
  ['channel', 'channel'],
  ['locale', 'locale'],
  ['agent', 'agent'],
  ['serviceType', 'service_type'],
  ['pointOfService', 'point_of_service'],
] as const;

/** The moment a period starts (inclusive) and ends (exclusive), for timestamp columns. */
export function periodBounds(filters: ReportFilters): { start?: Date; end?: Date } {
  const start = filters.from ? new Date(`${filters.from}T00:00:00.000Z`) : undefined;
  const end = filters.to ? new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + 86_400_000) : undefined;
  return { start, end };
}
