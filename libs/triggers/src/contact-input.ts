import { z } from 'zod';
import { attributeField, channelField, emailField, localeField, phoneField, textField } from '@turbota/surveys';

/** Only an offset-bearing moment is unambiguous; a contact cannot have finished in the future (a little clock skew aside). */
const MAX_SKEW_MS = 5 * 60_000;

const customerSchema = z.strictObject({
  channel: channelField,
  address: textField(500),
  name: textField(200).optional(),
  locale: localeField.optional(),
  phone: phoneField.optional(),
  email: emailField.optional(),
});

/** A finished contact as the contact centre reports it; `now` bounds `occurredAt`. */
export function contactInputSchema(now: () => Date) {
  return z.strictObject({
    externalId: textField(200),
    customer: customerSchema,
    agent: attributeField,
    serviceType: attributeField,
    pointOfService: attributeField,
    occurredAt: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-22T14:05:00+02:00' })
      .transform((v) => new Date(v))
      .refine((at) => at.getTime() <= now().getTime() + MAX_SKEW_MS, 'must not be in the future'),
  });
}

/** A reported contact, checked and normalised (phone in E.164, e-mail domain in lower case). */
export type ContactInput = z.infer<ReturnType<typeof contactInputSchema>>;
