import { ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { GROUP_BY, INTERVALS, ROLLED_UP_METRICS } from '@turbota/reports';

const text = (field: string) => z.string().trim().min(1, `${field} must not be empty`).max(200, `${field} takes at most 200 characters`);
const day = (field: string) =>
  z
    .string()
    .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isCalendarDay(v), `${field} must be a calendar day, YYYY-MM-DD`);

/** 2026-02-30 parses (it rolls over to March), so the day must survive the round trip. */
function isCalendarDay(value: string): boolean {
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(value);
}

/** `format=csv` on any report. */
const format = z.enum(['json', 'csv'], 'format must be json or csv').optional();

const period = {
  from: day('from').optional(),
  to: day('to').optional(),
  format,
};
const attributes = {
  channel: text('channel').optional(),
  locale: z.enum(LOCALES, `locale must be one of ${LOCALES.join(', ')}`).optional(),
  agent: text('agent').optional(),
  serviceType: text('serviceType').optional(),
  pointOfService: text('pointOfService').optional(),
};
const fromNotAfterTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const FROM_AFTER_TO = { message: 'from must not be after to', path: ['from'] };

export const summaryQuerySchema = z
  .strictObject({ ...period, ...attributes, groupBy: z.enum(GROUP_BY, `groupBy must be one of ${GROUP_BY.join(', ')}`).optional() })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

export const trendQuerySchema = z
  .strictObject({
    ...period,
    ...attributes,
    metric: z.enum(ROLLED_UP_METRICS, `metric must be one of ${ROLLED_UP_METRICS.join(', ')}`).default('nps'),
    interval: z.enum(INTERVALS, `interval must be one of ${INTERVALS.join(', ')}`).default('week'),
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

export const factorsQuerySchema = z
  .strictObject({ ...period, ...attributes, metric: z.enum(ROLLED_UP_METRICS, `metric must be one of ${ROLLED_UP_METRICS.join(', ')}`).default('nps') })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

export const incidentsQuerySchema = z.strictObject({ ...period, ...attributes }).refine(fromNotAfterTo, FROM_AFTER_TO);

export const problemsQuerySchema = z.strictObject(period).refine(fromNotAfterTo, FROM_AFTER_TO);

/** For the OpenAPI document only; the zod schemas check the query. */
export class ReportQueryDoc {
  @ApiPropertyOptional({ description: 'first day (UTC), YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ description: 'last day (UTC), YYYY-MM-DD, included' }) to?: string;
  @ApiPropertyOptional() channel?: string;
  @ApiPropertyOptional({ enum: LOCALES }) locale?: string;
  @ApiPropertyOptional() agent?: string;
  @ApiPropertyOptional() serviceType?: string;
  @ApiPropertyOptional() pointOfService?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv, or send Accept: text/csv' }) format?: string;
}

export class SummaryQueryDoc extends ReportQueryDoc {
  @ApiPropertyOptional({ enum: GROUP_BY }) groupBy?: string;
}

export class TrendQueryDoc extends ReportQueryDoc {
  @ApiPropertyOptional({ enum: ROLLED_UP_METRICS, default: 'nps' }) metric?: string;
  @ApiPropertyOptional({ enum: INTERVALS, default: 'week' }) interval?: string;
}

export class FactorsQueryDoc extends ReportQueryDoc {
  @ApiPropertyOptional({ enum: ROLLED_UP_METRICS, default: 'nps', description: 'the integral score importance is measured against' }) metric?: string;
}

export class ProblemsQueryDoc {
  @ApiPropertyOptional({ description: 'first day (UTC), YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ description: 'last day (UTC), YYYY-MM-DD, included' }) to?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) format?: string;
}
