import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { GROUP_BY, INTERVALS, ROLLED_UP_METRICS } from '@turbota/reports';
import { dayField, FROM_AFTER_TO, fromNotAfterTo } from '../date-range';

const text = (field: string, description: string) =>
  z
    .string(`${field} must be a string`)
    .trim()
    .min(1, `${field} must not be empty`)
    .max(200, `${field} takes at most 200 characters`)
    .meta({ description });

const metric = (description: string) =>
  z.enum(ROLLED_UP_METRICS, `metric must be one of ${ROLLED_UP_METRICS.join(', ')}`).default('nps').meta({ description });

const period = {
  from: dayField('from').optional(),
  to: dayField('to').optional(),
  format: z
    .enum(['json', 'csv'], 'format must be json or csv')
    .meta({ description: 'json, or csv (one table a spreadsheet opens); without it, Accept: text/csv asks for csv' })
    .optional(),
};

const attributes = {
  channel: text('channel', 'only this channel, e.g. telegram').optional(),
  locale: z.enum(LOCALES, `locale must be one of ${LOCALES.join(', ')}`).meta({ description: 'only this language' }).optional(),
  agent: text('agent', 'only this agent').optional(),
  serviceType: text('serviceType', 'only this service type').optional(),
  pointOfService: text('pointOfService', 'only this point of service (its code)').optional(),
};

/** `GET /reports/summary`. */
export const summaryQuerySchema = z
  .strictObject({
    ...period,
    ...attributes,
    groupBy: z
      .enum(GROUP_BY, `groupBy must be one of ${GROUP_BY.join(', ')}`)
      .meta({ description: 'also give the scores per value of a contact attribute, or per UTC day, week or month' })
      .optional(),
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

/** `GET /reports/invitations`: the period and the contact attributes (`channel`: the invitation's). */
export const invitationsQuerySchema = z.strictObject({ ...period, ...attributes }).refine(fromNotAfterTo, FROM_AFTER_TO);
export type InvitationsQuery = z.infer<typeof invitationsQuerySchema>;

/** `GET /reports/trend`. */
export const trendQuerySchema = z
  .strictObject({
    ...period,
    ...attributes,
    metric: metric('the score followed'),
    interval: z.enum(INTERVALS, `interval must be one of ${INTERVALS.join(', ')}`).default('week').meta({ description: 'one point per UTC day, ISO week or month' }),
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

/** `GET /reports/factors` and `GET /reports/score-distribution`. */
export const factorsQuerySchema = z
  .strictObject({ ...period, ...attributes, metric: metric('the integral score: factors are weighed against it; the distribution counts its scores') })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

/** `GET /reports/incidents`. */
export const incidentsQuerySchema = z.strictObject({ ...period, ...attributes }).refine(fromNotAfterTo, FROM_AFTER_TO);

/** `GET /reports/problems`: problems are not tied to one contact, so only the period. */
export const problemsQuerySchema = z.strictObject(period).refine(fromNotAfterTo, FROM_AFTER_TO);

export type SummaryQuery = z.infer<typeof summaryQuerySchema>;
export type TrendQuery = z.infer<typeof trendQuerySchema>;
export type FactorsQuery = z.infer<typeof factorsQuerySchema>;
export type IncidentsQuery = z.infer<typeof incidentsQuerySchema>;
export type ProblemsQuery = z.infer<typeof problemsQuerySchema>;
