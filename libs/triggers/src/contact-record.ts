import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@turbota/common';
import { type ContactEntity, execute, qb } from '@turbota/persistence';
import type { PiiCipher } from '@turbota/privacy';
import type { ContactDecision } from './contact-decision';
import type { ContactInput } from './contact-input';
import { ADVISORY_LOCK_CLASSES } from '@turbota/common';

/** The contact as reported: its attributes, and its phone and e-mail sealed with their blind indexes. */
export function contactRecordOf(input: ContactInput, options: { cipher: PiiCipher; now: Date; defaultLocale: Locale }): Partial<ContactEntity> {
  const { phone, email } = input.customer;
  const { cipher } = options;
  return {
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
