import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { normaliseEmail, normalisePhone } from '@turbota/surveys';

const text = (max: number) => z.string('must be a string').trim().min(1, 'must not be empty').max(max, `takes at most ${max} characters`);
const attribute = text(200).nullable().optional();

/** Only an offset-bearing moment is unambiguous; a contact cannot have finished in the future (a little clock skew aside). */
const MAX_SKEW_MS = 5 * 60_000;

const customerSchema = z.strictObject({
  channel: z.string('must be a string').trim().toLowerCase().min(1, 'must not be empty').max(50, 'takes at most 50 characters'),
  address: text(500),
  name: text(200).optional(),
  locale: z.enum(LOCALES, `must be one of ${LOCALES.join(', ')}`).optional(),
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
});

/** A finished contact as the contact centre reports it; `now` bounds `occurredAt`. */
export function contactInputSchema(now: () => Date) {
  return z.strictObject({
    externalId: text(200),
    customer: customerSchema,
    agent: attribute,
    serviceType: attribute,
    pointOfService: attribute,
    occurredAt: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-22T14:05:00+02:00' })
      .transform((v) => new Date(v))
      .refine((at) => at.getTime() <= now().getTime() + MAX_SKEW_MS, 'must not be in the future'),
  });
}

/** A reported contact, checked and normalised (phone in E.164, e-mail domain in lower case). */
export type ContactInput = z.infer<ReturnType<typeof contactInputSchema>>;
