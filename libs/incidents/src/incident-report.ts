import { z } from 'zod';
import { attributeField, channelField, emailField, localeField, phoneField, SCALES, textField } from '@turbota/surveys';

/** A complaint with contacts that an integration reports (`POST /api/v1/incidents`); `incidentReportSchema` checks it. */
export const incidentReportSchema = z
  .strictObject({
    externalId: textField(200),
    phone: phoneField.optional(),
    email: emailField.optional(),
    locale: localeField.optional(),
    channel: channelField.default('api'),
    agent: attributeField,
    pointOfService: attributeField,
    serviceType: attributeField,
    reasonCode: textField(100).nullable().optional(),
    text: textField(4000).nullable().optional(),
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
