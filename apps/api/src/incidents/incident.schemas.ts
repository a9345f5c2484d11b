import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { ACTOR_KINDS, INCIDENT_ACTIONS, INCIDENT_EVENTS, INCIDENT_PRIORITIES, INCIDENT_STATUSES } from '@turbota/incidents';
import { STANDARD_EVENTS } from '@turbota/standard';
import { apiRecord, instant } from '../api-records';

/** `POST /incidents/{id}/transitions`; the domain checks what each action needs (a note to reject, ...). */
export const incidentTransitionInputSchema = z
  .strictObject({
    action: z.enum(INCIDENT_ACTIONS, `action must be one of ${INCIDENT_ACTIONS.join(', ')}`),
    note: z
      .string('note must be a string')
      .max(2000, 'note takes at most 2000 characters')
      .meta({ description: 'Required to resolve (what was done) and to reject (why it is not justified)', example: 'Called the customer back and refunded the fee' })
      .optional(),
    justified: z.boolean('justified must be true or false').meta({ description: 'Required to resolve: whether the complaint was justified' }).optional(),
  })
  .meta({ id: 'IncidentTransitionInput' });

/** A transition as checked at the edge; the actor and If-Match are added from the request. */
export type IncidentTransitionInput = z.infer<typeof incidentTransitionInputSchema>;

/** `POST /incidents/{id}/owner`: a person (`personId`), nobody (`personId: null`), or the signed-in person (`me: true`). */
export const incidentOwnerInputSchema = z
  .strictObject({
    personId: z
      .uuid('personId must be a UUID, or null for nobody')
      .meta({ description: 'The person to own the incident: an active supervisor or admin; null: nobody owns it', example: '3fa85f64-5717-4562-b3fc-2c963f66afa6' })
      .nullable()
      .optional(),
    me: z.literal(true, 'me must be true').meta({ description: 'The signed-in person takes it (a session only: an API key is no person)' }).optional(),
  })
  .refine((input) => (input.personId !== undefined) !== (input.me !== undefined), 'give either personId (a person, or null for nobody) or me: true')
  .meta({ id: 'IncidentOwnerInput' });

/** An owner as the edge checked it; the API resolves `me` to the signed-in person. */
export type IncidentOwnerInput = z.infer<typeof incidentOwnerInputSchema>;

/** A person as incidents name them: an owner, or whom an assignment concerned. */
export const personRefSchema = z
  .strictObject({ id: z.uuid(), name: z.string().meta({ description: "The person's display name", example: 'Olena Koval' }) })
  .meta({ id: 'PersonRef' });

/** Who did something; shared by the histories of incidents and of problems. */
export const actorSchema = z
  .strictObject({
    kind: z.enum(ACTOR_KINDS),
    id: z.string().meta({ description: "The key's id, the person's id, the Slack user's id, the customer's id (or unknown), or turbota" }),
    name: z.string().meta({ description: "The key's name, the person's display name or the Slack user's name; absent when there is none" }).optional(),
  })
  .meta({ id: 'Actor' });

const nullableText = () => z.string().nullable();
const nullableInstant = () => instant().nullable();

/**
 * The customer's contacts as the caller may see them: in the clear for supervisor and admin API
 * keys and in a recorded reveal, masked otherwise (the phone's last digits, the e-mail's first
 * letter and domain).
 */
const contactSchema = z.strictObject({
  phone: z.string().meta({ description: 'E.164 in the clear, or masked', example: '+380 ••• ••• 67' }).nullable(),
  email: z.string().meta({ description: 'In the clear, or masked', example: 'o•••@example.com' }).nullable(),
  masked: z.boolean().meta({ description: 'True unless the caller is a supervisor or admin API key, or this answers a contact reveal' }),
});

/** An incident as the lists show it (and as a problem lists its incidents). */
export const incidentSchema = apiRecord('Incident', {
  number: z.int().meta({ example: 42, description: 'Short number for people: INC-42' }),
  status: z.enum(INCIDENT_STATUSES),
  priority: z.enum(INCIDENT_PRIORITIES),
  version: z.int().meta({ description: 'Send it back as If-Match to refuse acting on a changed incident' }),
  escalationLevel: z.int().meta({ description: 'Raised by each escalation and each SLA breach' }),
  justified: z.boolean().meta({ description: 'Whether the complaint was justified, once settled' }).nullable(),
  complaintId: z.uuid(),
  customerId: z.uuid().nullable(),
  problemId: z.uuid().nullable(),
  problemNumber: z.int().meta({ description: 'PRB-n, when the incident is part of a problem' }).nullable(),
  reasonCode: nullableText(),
  text: z.string().meta({ description: "The customer's own words" }).nullable(),
  metric: z.string().meta({ description: 'The scale of score: nps, ces or csat' }).nullable(),
  score: z.int().nullable(),
  contact: contactSchema,
  contactUnavailable: z
    .string()
    .meta({ example: 'sealed with an unknown key', description: 'Why the contact cannot be shown (its phone or e-mail is then null); null when it can' })
    .nullable(),
  attributes: z.strictObject({
    channel: z.string(),
    locale: z.enum(LOCALES),
    agent: nullableText(),
    pointOfService: nullableText(),
    serviceType: nullableText(),
  }),
  standardVersion: z.int().meta({ description: 'The service standard version its next steps come from' }),
  acknowledgeBy: instant(),
  resolveBy: instant(),
  acknowledgedAt: nullableInstant(),
  resolvedAt: nullableInstant(),
  rejectedAt: nullableInstant(),
  closedAt: nullableInstant(),
  ackBreachedAt: nullableInstant(),
  resolveBreachedAt: nullableInstant(),
  breached: z.boolean().meta({ description: 'A passed SLA deadline is still unmet' }),
  allowedActions: z.array(z.enum(INCIDENT_ACTIONS)).meta({ description: 'What may be done now' }),
  source: z.enum(['dialogue', 'api']),
  externalId: z.string().meta({ description: "The integration's own id; null for the dialogue's incidents" }).nullable(),
  slack: z.strictObject({ channel: z.string(), ts: z.string() }).meta({ description: "Where the supervisors' Slack message is; null until posted" }).nullable(),
  owner: personRefSchema.meta({ description: 'The person who works it; null while nobody does' }).nullable(),
});

const historyEntrySchema = z
  .strictObject({
    at: instant(),
    action: z
      .enum([...INCIDENT_ACTIONS, ...INCIDENT_EVENTS])
      .meta({ description: 'An action, or: create, sla_breach, customer_confirmed, customer_disputed, customer_statement, assign, unassign, contact_reveal (the actor was shown the contact)' }),
    from: z.enum(INCIDENT_STATUSES).nullable(),
    to: z.enum(INCIDENT_STATUSES),
    actor: actorSchema,
    note: z.string().meta({ description: "Why; a customer's statement holds their words (null once erased)" }).nullable(),
    owner: personRefSchema
      .meta({ description: 'With assign: the new owner; with unassign: the owner no longer (null when the person is gone); absent otherwise' })
      .nullable()
      .optional(),
  })
  .meta({ id: 'IncidentHistoryEntry' });

/** One line of the conversation as the customer saw it. */
const transcriptLineSchema = z
  .strictObject({
    at: instant(),
    from: z.enum(['bot', 'customer']),
    text: z.string().meta({ description: "The bot's question or message, or the customer's answer or words; contacts masked unless revealed" }),
    buttons: z.array(z.string()).meta({ description: 'The buttons the bot offered with it (answers, a scale\'s numbers); empty for the customer' }),
  })
  .meta({ id: 'TranscriptLine' });

/** What the service standard says to do in the incident's state: tasks for the reader, phrases for the customer. */
const nextStepsSchema = z.strictObject({
  event: z.enum(STANDARD_EVENTS).meta({ description: "The standard's event for the incident's state" }),
  locale: z.enum(LOCALES).meta({ description: "The language of the phrases: the customer's (the incident's)" }),
  tasksLocale: z.enum(LOCALES).meta({ description: "The language of the tasks: the reader's (a person's own, else Accept-Language, else the incident's)" }),
  version: z.int(),
  tasks: z.array(z.string()).meta({ description: 'What the staff should do, in order, in tasksLocale' }),
  actions: z
    .array(z.strictObject({ action: z.string(), phrases: z.array(z.string()) }))
    .meta({ description: 'What to say to the customer, with phrase variants, in locale' }),
});

/** An incident with its history, its transcript and the standard's next steps: what reading, reporting and moving one answer. */
export const incidentDetailSchema = incidentSchema
  .extend({
    history: z.array(historyEntrySchema).meta({ description: 'Oldest first' }),
    transcript: z.array(transcriptLineSchema).meta({ description: "The complaint's conversation as the customer saw it, oldest first; empty for an integration's incident" }),
    nextSteps: nextStepsSchema,
  })
  .meta({ id: 'IncidentDetail' });

/** A page of incidents, newest first. */
export const incidentPageSchema = z
  .strictObject({
    items: z.array(incidentSchema),
    nextCursor: z.string().meta({ description: 'Pass it as cursor for the next page; null at the end' }).nullable(),
  })
  .meta({ id: 'IncidentPage' });
