import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@turbota/common';
import type { CustomerAddress } from '@turbota/conversations';
import { type ContactEntity, execute, qb } from '@turbota/persistence';
import { type BulkColumn, insertRows } from './bulk-insert';
import type { PiiCipher } from '@turbota/privacy';
import type { ContactDecision } from './contact-decision';
import type { ContactInput } from './contact-input';
import { ADVISORY_LOCK_CLASSES } from '@turbota/common';

const CONTACT_COLUMNS: BulkColumn<ContactEntity>[] = [
  ['id', 'id', 'uuid'],
  ['externalId', 'external_id', 'text'],
  ['occurredAt', 'occurred_at', 'timestamptz'],
  ['channel', 'channel', 'text'],
  ['locale', 'locale', 'text'],
  ['agent', 'agent', 'text'],
  ['serviceType', 'service_type', 'text'],
  ['pointOfService', 'point_of_service', 'text'],
  ['customerId', 'customer_id', 'uuid'],
  ['identityId', 'identity_id', 'uuid'],
  ['phoneSealed', 'phone_sealed', 'bytea'],
  ['phoneIndex', 'phone_index', 'bytea'],
  ['emailSealed', 'email_sealed', 'bytea'],
  ['emailIndex', 'email_index', 'bytea'],
  ['decision', 'decision', 'text'],
  ['reason', 'reason', 'text'],
  ['lastSurveyAt', 'last_survey_at', 'timestamptz'],
  ['policyId', 'policy_id', 'uuid'],
  ['decidedAt', 'decided_at', 'timestamptz'],
  ['sendAt', 'send_at', 'timestamptz'],
  ['invitedAt', 'invited_at', 'timestamptz'],
  ['conversationId', 'conversation_id', 'uuid'],
  ['respondBy', 'respond_by', 'timestamptz'],
  ['remindAt', 'remind_at', 'timestamptz'],
  ['cascadeAt', 'cascade_at', 'timestamptz'],
];
/** Writes decided contacts (each with its id made by `contactRecordOf`) in one statement. */
export async function insertContacts(tx: EntityManager, rows: Partial<ContactEntity>[]): Promise<void> {
  await insertRows(tx, 'contact', CONTACT_COLUMNS, rows);
}

/** The channels that reach a phone, in the order they are preferred: a text reaches every phone, WhatsApp only its users. */
const PHONE_CHANNELS = ['sms', 'whatsapp'] as const;

/**
 * A reported contact whose customer has an address to be invited on: the messenger address
 * reported, or, for a phone or e-mail alone, the personal survey link's channel (`sms`,
 * `whatsapp`, `email`) under the phone's or e-mail's blind index (a WhatsApp customer who writes
 * is known by the same index of their number), so the customer is found again the next
 * time, an unreachable number is remembered, and no phone or e-mail is stored in the clear.
 */
export type AddressedContact = ContactInput & { customer: ContactInput['customer'] & CustomerAddress };

/**
 * The contact with its invitation address (see {@link AddressedContact}). A phone is invited by
 * SMS when SMS invitations are on (`canInvite`), else by WhatsApp's template when that is; given
 * an e-mail too, it goes by e-mail when neither is on. With nothing on, the phone names the
 * channel the decision finds off.
 */
export function addressedContactOf(input: ContactInput, cipher: PiiCipher, canInvite: (channel: string) => boolean): AddressedContact {
  const { customer } = input;
  if (customer.channel !== undefined && customer.address !== undefined) return { ...input, customer: { ...customer, channel: customer.channel, address: customer.address } };
  const email = customer.email?.toLowerCase();
  const byPhone = PHONE_CHANNELS.find(canInvite) ?? PHONE_CHANNELS[0];
  const byEmail = email !== undefined && (!customer.phone || (!canInvite(byPhone) && canInvite('email')));
  const [channel, value] = byEmail ? ['email', email] : [byPhone, customer.phone ?? ''];
  return { ...input, customer: { ...customer, channel, address: cipher.blindIndex(value).toString('hex') } };
}

/** The contact as reported: its attributes, and its phone and e-mail sealed with their blind indexes. */
export function contactRecordOf(input: AddressedContact, options: { cipher: PiiCipher; now: Date; defaultLocale: Locale }): Partial<ContactEntity> {
  const { phone, email } = input.customer;
  const { cipher } = options;
  return {
    // Made here, so what refers to the contact can be written in the same transaction before it.
    id: randomUUID(),
    externalId: input.externalId,
    occurredAt: input.occurredAt,
    channel: input.customer.channel,
    locale: input.customer.locale ?? options.defaultLocale,
    agent: input.agent ?? null,
    serviceType: input.serviceType ?? null,
    pointOfService: input.pointOfService ?? null,
    phoneSealed: phone ? cipher.seal(phone) : null,
    phoneIndex: phone ? cipher.blindIndex(phone) : null,
    emailSealed: email ? cipher.seal(email) : null,
    // E-mail matching ignores case entirely: people type their address both ways.
    emailIndex: email ? cipher.blindIndex(email.toLowerCase()) : null,
    decidedAt: options.now,
    // Set by the decision when the customer is found; a contact skipped before that has none.
    customerId: null,
    identityId: null,
    policyId: null,
  };
}

/** The blind indexes a contact's phone and e-mail may be stored under (every configured key, during a rotation). */
export function matchingIndexesOf(input: ContactInput, cipher: PiiCipher): { phoneIndexes: Buffer[]; emailIndexes: Buffer[] } {
  const { phone, email } = input.customer;
  return { phoneIndexes: phone ? cipher.blindIndexes(phone) : [], emailIndexes: email ? cipher.blindIndexes(email.toLowerCase()) : [] };
}

/** The contact's columns that record a decision. */
export function decisionColumnsOf(decision: ContactDecision): Partial<ContactEntity> {
  return {
    decision: decision.decision,
    reason: decision.decision === 'skipped' ? decision.reason : null,
    lastSurveyAt: decision.decision === 'skipped' && decision.reason === 'cool_down' ? decision.lastSurveyAt : null,
    sendAt: decision.decision === 'skipped' ? null : decision.sendAt,
  };
}

// A campaign's invitation, sent or planned, counts as much as a post-contact one.
/** Each customer's latest invitation on any channel (post-contact or campaign), sent or still scheduled; absent when never. */
export async function lastSurveysOf(tx: EntityManager, customerIds: string[]): Promise<Map<string, Date>> {
  const ofCustomers = sql<string>`ANY(${customerIds}::uuid[])`;
  const surveys = qb
    .selectFrom('contact')
    .select((eb) => ['customer_id', eb.fn.coalesce('invited_at', 'send_at').as('at')])
    .where('customer_id', '=', ofCustomers)
    .where('decision', 'in', ['invited', 'scheduled'])
    .where('cancelled_at', 'is', null)
    .unionAll((db) =>
      db
        .selectFrom('campaign_member')
        .select((eb) => ['customer_id', eb.fn.coalesce('sent_at', 'send_at').as('at')])
        .where('customer_id', '=', ofCustomers)
        .where('cancelled_at', 'is', null),
    );
  const rows = await execute(
    tx,
    qb
      .selectFrom(surveys.as('surveys'))
      .select((eb) => ['customer_id', eb.fn.max('at').as('at')])
      .groupBy('customer_id'),
  );
  return new Map(rows.flatMap((r) => (r.customer_id !== null && r.at !== null ? [[r.customer_id, new Date(r.at)] as const] : [])));
}

/**
 * Locks the external ids for the transaction, in one order everywhere, so two imports cannot
 * deadlock: reports of one external id take turns, so a repeat always finds the first decision.
 */
export async function lockExternalIds(tx: EntityManager, externalIds: string[]): Promise<void> {
  await execute(
    tx,
    sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_CLASSES.contacts}::int, k) FROM (SELECT DISTINCT hashtext(id) AS k FROM unnest(${externalIds}::text[]) AS id ORDER BY 1) AS keys`,
  );
}
