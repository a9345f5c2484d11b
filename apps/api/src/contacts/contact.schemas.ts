import { z } from 'zod';
import { LOCALES } from '@turbota/common';
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
  })
  .meta({ id: 'Contact' });
