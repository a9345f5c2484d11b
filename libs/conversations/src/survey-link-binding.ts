import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { Locale } from '@turbota/common';
import { isSurveyLinkToken } from '@turbota/points';
import { AnswerEntity, ContactEntity, ConversationEntity, CustomerEntity, CustomerIdentityEntity, SurveyLinkEntity } from '@turbota/persistence';
import type { CustomerAddress } from './customer-directory';

/** How a token (`isSurveyLinkToken`) is stored and looked up: only its SHA-256 is kept. */
export function surveyLinkHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Where a survey link stands for an address that opens it. */
export type LinkAtAddress =
  /** Never opened and still answerable: its contact's survey may start at the address. */
  | { kind: 'fresh'; link: SurveyLinkEntity; contact: ContactEntity; customer: CustomerEntity }
  /** It opened this address's conversation already. */
  | { kind: 'here'; conversationId: string }
  /**
   * It opened a conversation elsewhere (another browser, another messenger), or the contact
   * answered on another step of its cascade: one survey per contact. In the contact's language.
   */
  | { kind: 'used'; locale: Locale }
  /** Past the answer timeout, or the invitation was cancelled: nothing to answer any more. In the contact's language. */
  | { kind: 'expired'; locale: Locale }
  /** No link has this token. */
  | { kind: 'unknown' };

/**
 * Reads the link of a token for an address that opens it, locking it for the caller's
 * transaction: of two places opening one link at once, the second sees what the first did.
 * Taken before the address's identity, in every path, so the two locks never cross.
 */
export async function lockSurveyLink(tx: EntityManager, token: string, address: CustomerAddress, now: Date): Promise<LinkAtAddress> {
  if (!isSurveyLinkToken(token)) return { kind: 'unknown' };
  const link = await tx.findOne(SurveyLinkEntity, { where: { tokenHash: surveyLinkHash(token) }, lock: { mode: 'pessimistic_write' } });
  if (!link) return { kind: 'unknown' };
  const contact = await tx.findOneByOrFail(ContactEntity, { id: link.contactId });
  if (link.conversationId) {
    const conversation = await tx.findOneBy(ConversationEntity, { id: link.conversationId });
    const identity = conversation && (await tx.findOneBy(CustomerIdentityEntity, { id: conversation.identityId }));
    const here = identity?.channel === address.channel && identity.address === address.address;
    return here ? { kind: 'here', conversationId: link.conversationId } : { kind: 'used', locale: contact.locale };
  }
  // A cascade's earlier or later step was answered already: never two answered surveys for one contact.
  if (contact.conversationId && (await tx.existsBy(AnswerEntity, { conversationId: contact.conversationId }))) return { kind: 'used', locale: contact.locale };
  if (!isAnswerable(link, contact, now) || !contact.customerId) return { kind: 'expired', locale: contact.locale };
  const customer = await tx.findOneByOrFail(CustomerEntity, { id: contact.customerId });
  return { kind: 'fresh', link, contact, customer };
}

/**
 * Records that the link opened this conversation, on the link and on its contact. A survey the
 * contact's cascade opened on another step and that waits unanswered ends: one open survey per contact.
 */
export async function bindSurveyLink(tx: EntityManager, link: SurveyLinkEntity, conversationId: string, channel: string, now: Date): Promise<void> {
  await tx.update(SurveyLinkEntity, link.id, { openedAt: now, openedOn: channel, conversationId });
  const { conversationId: previous } = await tx.findOneOrFail(ContactEntity, { where: { id: link.contactId }, select: { id: true, conversationId: true } });
  if (previous && previous !== conversationId) await tx.update(ConversationEntity, { id: previous, status: 'open' }, { status: 'expired', endedAt: now });
  await tx.update(ContactEntity, link.contactId, { conversationId });
}

/** Before the answer timeout, and the invitation neither cancelled nor timed out. */
export function isAnswerable(link: SurveyLinkEntity, contact: ContactEntity, now: Date): boolean {
  return link.expiresAt.getTime() > now.getTime() && contact.cancelledAt === null && contact.nonResponderAt === null;
}
