import { z } from 'zod';
import { channelField, emailField, localeField, phoneField, textField } from '@turbota/surveys';

/** A contact cannot have finished in the future, a little clock skew aside. */
const MAX_SKEW_MS = 5 * 60_000;

/** Said of an `occurredAt` in the future, by `POST /contacts` and by an import line alike. */
export const FUTURE_CONTACT = 'must not be in the future';

const customerSchema = z
  .strictObject({
    channel: channelField
      .meta({
        example: 'telegram',
        description:
          'telegram, viber, messenger, slack or botframework, with address; a channel that is off or unknown is skipped as no_channel. Leave both out to invite by a personal survey link sent to the phone (by SMS, or by the WhatsApp invitation template where SMS is off) or e-mail',
      })
      .optional(),
    address: textField(500)
      .meta({
        example: '123456789',
        description: 'The address on that channel: Telegram chat id, Viber user id, Messenger page-scoped id (PSID), Slack user or DM channel id, Bot Framework conversation id',
      })
      .optional(),
    name: textField(200).meta({ example: 'Olena', description: 'To greet the customer by name; kept encrypted' }).optional(),
    locale: localeField.optional(),
    phone: phoneField.meta({ example: '+380671234567', description: 'Kept encrypted; links the customer across channels; without channel and address, the SMS (or WhatsApp) invitation goes to it' }).optional(),
    email: emailField.meta({ example: 'olena@example.com', description: 'Kept encrypted; links the customer across channels' }).optional(),
  })
  .superRefine((customer, ctx) => {
    if (customer.channel !== undefined && customer.address === undefined) ctx.addIssue({ code: 'custom', path: ['address'], message: 'is required with channel' });
    if (customer.address !== undefined && customer.channel === undefined) ctx.addIssue({ code: 'custom', path: ['channel'], message: 'is required with address' });
    if (customer.channel === undefined && customer.address === undefined && !customer.phone && !customer.email) {
      ctx.addIssue({ code: 'custom', path: ['channel'], message: 'a customer needs channel and address, or a phone or e-mail to send a personal survey link to' });
    }
  })
  .meta({ id: 'ContactCustomerInput', description: 'The customer served, and how to reach them: a messenger address, or a phone or e-mail for a personal survey link' });

/** Only an offset-bearing moment is unambiguous. */
const occurredAtField = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-22T14:05:00+02:00' })
  .transform((v) => new Date(v))
  .meta({ example: '2026-11-22T14:05:00+02:00', description: 'When the contact finished (ISO 8601 with a time zone); not in the future' });

/** An optional contact attribute, null allowed. */
const attribute = (meta: { example: string; description?: string }) => textField(200).meta(meta).nullable().optional();

/**
 * A finished contact as the contact centre reports it. Whether `occurredAt` lies in the future
 * depends on the clock, so whoever records the contact checks that with `finishedBy`.
 */
export const contactInputSchema = z
  .strictObject({
    externalId: textField(200).meta({ example: 'call-2026-11-22-000123', description: "The contact centre's own id of the contact" }),
    customer: customerSchema,
    agent: attribute({ example: 'olena.k' }),
    serviceType: attribute({ example: 'card-issue', description: 'Chooses the survey policy' }),
    pointOfService: attribute({ example: 'kyiv-central', description: 'The code of a point of service' }),
    occurredAt: occurredAtField,
  })
  .meta({ id: 'ContactInput' });

/** A reported contact, checked and normalised (phone in E.164, e-mail domain in lower case). */
export type ContactInput = z.infer<typeof contactInputSchema>;

/** Whether a contact that finished `at` may be recorded `now`: not in the future, a little clock skew aside. */
export function finishedBy(at: Date, now: Date): boolean {
  return at.getTime() <= now.getTime() + MAX_SKEW_MS;
}

/** An import line's contact: `contactInputSchema` with `occurredAt` checked against the clock as the line is read. */
export function contactLineSchema(now: () => Date) {
  return contactInputSchema.extend({ occurredAt: occurredAtField.refine((at) => finishedBy(at, now()), FUTURE_CONTACT) });
}
