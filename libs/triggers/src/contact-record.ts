import type { EntityManager } from 'typeorm';
import type { Locale } from '@turbota/common';
import type { ContactEntity } from '@turbota/persistence';
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
const LAST_SURVEY_SQL = `SELECT customer_id, max(at) AS at FROM (
    SELECT customer_id, coalesce(invited_at, send_at) AS at FROM contact
    WHERE customer_id = ANY($1::uuid[]) AND decision IN ('invited', 'scheduled') AND cancelled_at IS NULL
    UNION ALL
    SELECT customer_id, coalesce(sent_at, send_at) FROM campaign_member WHERE customer_id = ANY($1::uuid[]) AND cancelled_at IS NULL
  ) AS surveys GROUP BY customer_id`;

/** Each customer's latest invitation on any channel (post-contact or campaign), sent or still scheduled; absent when never. */
export async function lastSurveysOf(tx: EntityManager, customerIds: string[]): Promise<Map<string, Date>> {
  const rows = await tx.query<{ customer_id: string; at: Date | null }[]>(LAST_SURVEY_SQL, [customerIds]);
  return new Map(rows.filter((r) => r.at !== null).map((r) => [r.customer_id, new Date(r.at!)]));
}

/**
 * Locks the external ids for the transaction, in one order everywhere, so two imports cannot
 * deadlock: reports of one external id take turns, so a repeat always finds the first decision.
 */
export async function lockExternalIds(tx: EntityManager, externalIds: string[]): Promise<void> {
  await tx.query(
    `SELECT pg_advisory_xact_lock($1::int, k) FROM (SELECT DISTINCT hashtext(id) AS k FROM unnest($2::text[]) AS id ORDER BY 1) AS keys`,
    [ADVISORY_LOCK_CLASSES.contacts, externalIds],
  );
}
