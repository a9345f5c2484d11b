import { ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { GROUP_BY, INTERVALS, ROLLED_UP_METRICS } from '@turbota/reports';
import { DATE_DOCS, dayField, FROM_AFTER_TO, fromNotAfterTo } from '../date-range';

const text = (field: string) => z.string().trim().min(1, `${field} must not be empty`).max(200, `${field} takes at most 200 characters`);
/** `format=csv` on any report. */
const format = z.enum(['json', 'csv'], 'format must be json or csv').optional();

const period = {
  from: dayField('from').optional(),
  to: dayField('to').optional(),
  format,
};
const attributes = {
  channel: text('channel').optional(),
  locale: z.enum(LOCALES, `locale must be one of ${LOCALES.join(', ')}`).optional(),
  agent: text('agent').optional(),
  serviceType: text('serviceType').optional(),
  pointOfService: text('pointOfService').optional(),
};

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
  @ApiPropertyOptional({ description: DATE_DOCS.fromDay, example: '2026-11-01' }) from?: string;
  @ApiPropertyOptional({ description: DATE_DOCS.toDay, example: '2026-11-30' }) to?: string;
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
  @ApiPropertyOptional({ description: DATE_DOCS.fromDay, example: '2026-11-01' }) from?: string;
  @ApiPropertyOptional({ description: DATE_DOCS.toDay, example: '2026-11-30' }) to?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) format?: string;
}
