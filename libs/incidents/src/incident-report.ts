import { z } from 'zod';
import { CUSTOMER_TEXT_LIMIT } from '@turbota/dialogue';
import { channelField, emailField, localeField, phoneField, SCALES, textField } from '@turbota/surveys';

/** A contact attribute as an integration names it: optional text, null allowed. */
const attribute = (example: string) => textField(200).meta({ example }).nullable().optional();

/** A complaint with contacts that an integration reports (`POST /api/v1/incidents`); `incidentReportSchema` checks it. */
export const incidentReportSchema = z
  .strictObject({
    externalId: textField(200).meta({ example: 'crm-case-81723', description: "The integration's own id: a repeat answers the first incident" }),
    phone: phoneField.meta({ example: '+380671234567', description: 'A phone or an e-mail is required; kept encrypted' }).optional(),
    email: emailField.meta({ example: 'olena@example.com' }).optional(),
    locale: localeField.meta({ description: "The customer's language; DEFAULT_LOCALE when absent" }).optional(),
    channel: channelField.meta({ example: 'phone', description: 'The channel of the contact complained about' }).default('api'),
    agent: attribute('olena.k'),
    pointOfService: attribute('kyiv-central'),
    serviceType: attribute('card-issue'),
    reasonCode: textField(100).meta({ example: 'impolite', description: 'The reason code; problems group incidents by it' }).nullable().optional(),
    text: textField(CUSTOMER_TEXT_LIMIT).meta({ example: 'Nobody called me back', description: "The customer's own words" }).nullable().optional(),
    metric: z.enum(['nps', 'ces', 'csat'], 'must be one of nps, ces, csat').meta({ description: 'The scale of score' }).nullable().optional(),
    score: z.number('must be a number').int('must be a whole number').meta({ example: 2 }).nullable().optional(),
  })
  .superRefine((report, ctx) => {
    if (!report.phone && !report.email) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'a phone or an e-mail is needed: an incident is a complaint the company can answer' });
    }
    if (report.score === null || report.score === undefined) return;
    if (!report.metric) return ctx.addIssue({ code: 'custom', path: ['metric'], message: 'must say which scale the score is on (nps, ces or csat)' });
    const [min, max] = SCALES[report.metric];
    if (report.score < min || report.score > max) ctx.addIssue({ code: 'custom', path: ['score'], message: `must be between ${min} and ${max} for ${report.metric}` });
  })
  .meta({ id: 'IncidentReportInput' });

/** A reported incident, checked and normalised (phone in E.164, e-mail domain in lower case). */
export type IncidentReport = z.infer<typeof incidentReportSchema>;
