import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { normaliseEmail, normalisePhone } from '@turbota/surveys';

const text = (max: number) => z.string('must be a string').trim().min(1, 'must not be empty').max(max, `takes at most ${max} characters`);
const attribute = text(200).nullable().optional();

const SCALES = { nps: [0, 10], ces: [1, 7], csat: [1, 5] } as const;

/** A complaint with contacts that an integration reports (`POST /api/v1/incidents`); `incidentReportSchema` checks it. */
export const incidentReportSchema = z
  .strictObject({
    externalId: text(200),
    phone: z
      .string('must be a string')
      .transform((raw, ctx) => {
        const phone = normalisePhone(raw);
        if (!phone.ok) ctx.addIssue({ code: 'custom', message: 'must be a phone number, e.g. +380671234567' });
        return phone.ok ? phone.e164 : z.NEVER;
      })
      .optional(),
    email: z
      .string('must be a string')
      .transform((raw, ctx) => {
        const email = normaliseEmail(raw);
        if (!email.ok) ctx.addIssue({ code: 'custom', message: 'must be an e-mail address' });
        return email.ok ? email.email : z.NEVER;
      })
      .optional(),
    locale: z.enum(LOCALES, `must be one of ${LOCALES.join(', ')}`).optional(),
    channel: z.string('must be a string').trim().toLowerCase().min(1, 'must not be empty').max(50, 'takes at most 50 characters').default('api'),
    agent: attribute,
    pointOfService: attribute,
    serviceType: attribute,
    reasonCode: text(100).nullable().optional(),
    text: text(4000).nullable().optional(),
    metric: z.enum(['nps', 'ces', 'csat'], 'must be one of nps, ces, csat').nullable().optional(),
    score: z.number('must be a number').int('must be a whole number').nullable().optional(),
  })
  .superRefine((report, ctx) => {
    if (!report.phone && !report.email) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'a phone or an e-mail is needed: an incident is a complaint the company can answer' });
    }
    if (report.score === null || report.score === undefined) return;
    if (!report.metric) return ctx.addIssue({ code: 'custom', path: ['metric'], message: 'must say which scale the score is on (nps, ces or csat)' });
    const [min, max] = SCALES[report.metric];
    if (report.score < min || report.score > max) ctx.addIssue({ code: 'custom', path: ['score'], message: `must be between ${min} and ${max} for ${report.metric}` });
  });

/** A reported incident, checked and normalised (phone in E.164, e-mail domain in lower case). */
export type IncidentReport = z.infer<typeof incidentReportSchema>;
