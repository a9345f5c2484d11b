import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { quietHoursSchema } from '@turbota/surveys';
import { DECISIONS, SKIP_REASONS } from '@turbota/triggers';
import { instant } from '../api-records';

/** Why a scheduled invitation did not go when its time came. */
const CANCEL_REASONS = ['opted_out', 'unreachable', 'no_policy'] as const;

const decisionFields = {
  id: z.uuid(),
  externalId: z.string().meta({ example: 'call-2026-11-22-000123' }),
  decision: z.enum(DECISIONS),
  reason: z.enum(SKIP_REASONS).meta({ description: 'Why it was skipped; null unless skipped' }).nullable(),
  scheduledFor: instant().meta({ description: 'scheduled: when the invitation goes out (the end of the quiet hours)' }).optional(),
  lastSurveyAt: instant().meta({ description: "cool_down: the customer's latest survey, on any channel" }).optional(),
  customerId: z.uuid().meta({ description: 'The customer (null for no_channel); DELETE /customers/{id} erases them' }).nullable(),
  message: z.string().meta({ example: 'The customer is invited now on telegram', description: 'The decision in words' }),
};

/** The decision on a reported contact, as `POST /contacts` answers it (a repeat answers the same). */
export const contactDecisionSchema = z.strictObject(decisionFields).meta({ id: 'ContactDecision' });

/** `?dryRun=true`: decide the contact without recording anything. */
export const contactReportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'], 'must be true or false')
    .default('false')
    .transform((value) => value === 'true')
    .meta({
      description:
        'true: answer the decision a report would get now (invited, scheduled and when, or skipped and why) and record nothing: no contact, customer, survey or outbox message, and no cool-down started',
    }),
});

export type ContactReportQuery = z.infer<typeof contactReportQuery>;

const { externalId, decision, reason, scheduledFor, lastSurveyAt, message } = decisionFields;

/** The answer of `POST /contacts?dryRun=true`: the decision, the policy that made it, nothing recorded. */
export const contactCheckSchema = z
  .strictObject({
    dryRun: z.literal(true).meta({ description: 'Nothing was recorded' }),
    externalId,
    decision,
    reason,
    scheduledFor,
    lastSurveyAt,
    message,
    recorded: z.boolean().meta({ description: 'The externalId is recorded already: a report answers its first decision, as this does' }),
    policy: z
      .strictObject({
        id: z.uuid(),
        name: z.string(),
        samplingRate: z.number().meta({ description: 'Below 1 the report is a draw: this answer is one outcome of it' }),
        cooldownDays: z.number().int(),
        quietHours: quietHoursSchema.nullable().meta({ description: "As applied: in the time zone of the contact's point of service when it has one" }),
      })
      .nullable()
      .meta({ description: 'The policy that decided; null when none covers the service type (or the channel is off)' }),
  })
  .meta({ id: 'ContactCheck' });

/** What `POST /contacts` answers: the decision recorded, or with `dryRun=true` the decision checked. */
export const contactReportAnswerSchema = z.union([contactDecisionSchema, contactCheckSchema]);

/** An invitation by SMS, e-mail or WhatsApp's template as its provider reported it; never its recipient or text. */
const invitationMessageSchema = z
  .strictObject({
    channel: z.enum(['sms', 'email', 'whatsapp']).meta({ example: 'sms' }),
    provider: z.string().meta({ description: "twilio or turbosms for an SMS, smtp for an e-mail, whatsapp for WhatsApp's invitation template", example: 'twilio' }),
    status: z
      .enum(['pending', 'accepted', 'sent', 'delivered', 'failed'])
      .meta({ description: 'pending: waiting to be sent; accepted: taken by the provider (the SMTP server, the Cloud API); sent, delivered or failed: as its delivery reports (statuses) say' }),
    attempts: z.number().int(),
    encoding: z.enum(['GSM-7', 'UCS-2']).nullable().meta({ description: 'How an SMS was counted; null until sent, and for an e-mail' }),
    segments: z.number().int().nullable().meta({ description: 'SMS segments the text took, each billed; null until sent, and for an e-mail' }),
    sentAt: instant().nullable(),
    reportedAt: instant().meta({ description: 'When the latest delivery report came' }).nullable(),
    error: z.string().nullable().meta({ description: "The provider's reason for a failure or a retry" }),
  })
  .meta({ id: 'InvitationMessage' });

/** One step of a contact's invitation cascade. */
const invitationStepSchema = z
  .strictObject({
    position: z.number().int().min(1).meta({ description: "1-based, in the order applied to the contact: the policy's cascade with the customer's own channel first", example: 1 }),
    channel: z.string().meta({ example: 'viber' }),
    status: z.enum(['sent', 'skipped', 'cancelled']).meta({ description: 'sent: invited on it; skipped: passed by; cancelled: not needed any more' }),
    reason: z.string().nullable().meta({
      description:
        'sent: first, not_delivered (the previous step did not reach the customer) or not_answered (not within its wait); skipped: channel_off, no_address or unreachable; cancelled: answered, opted_out or timed_out',
      example: 'first',
    }),
    decidedAt: instant(),
    nextAt: instant().nullable().meta({ description: 'A sent step: when the next one goes unless the customer answers; null on the last step' }),
  })
  .meta({ id: 'InvitationStep' });

/** A reported contact, its decision and what became of the invitation. */
export const contactSchema = z
  .strictObject({
    ...decisionFields,
    occurredAt: instant(),
    channel: z.string().meta({ example: 'telegram' }),
    locale: z.enum(LOCALES),
    agent: z.string().nullable(),
    serviceType: z.string().nullable(),
    pointOfService: z.string().nullable(),
    decidedAt: instant(),
    invitedAt: instant().meta({ description: 'When the survey was opened and its first message queued' }).nullable(),
    conversationId: z.uuid().nullable(),
    cancelledAt: instant().meta({ description: 'A scheduled invitation that could not go when its time came' }).nullable(),
    cancelReason: z.enum(CANCEL_REASONS).nullable(),
    remindedAt: instant().nullable(),
    nonResponderAt: instant().meta({ description: 'Set when the invitee answered nothing within the answer timeout' }).nullable(),
    invitation: invitationMessageSchema
      .nullable()
      .meta({ description: "An invitation sent by SMS or e-mail with a personal survey link, and what became of it (with a cascade: its latest link step's); null on a messenger" }),
    cascade: z.array(invitationStepSchema).meta({ description: "The invitation cascade's steps decided so far, each with its reason; empty when the policy has no cascade" }),
  })
  .meta({ id: 'Contact' });
