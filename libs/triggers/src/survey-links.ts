import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Clock, CLOCK, type Locale } from '@turbota/common';
import { type CustomerAddress, ConversationService, CustomerDirectory, type StepOutcome } from '@turbota/conversations';
import { ContactEntity, ConversationEntity, CustomerEntity, CustomerIdentityEntity, SurveyLinkEntity } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { contactContextOf } from './contact-context';
import { customerNameOf } from './customer-name';

/** A survey link's token as it travels: `sv_` and 18 random bytes (144 bits; short, for a text message); only its SHA-256 is stored. */
export const SURVEY_LINK_TOKEN = /^sv_[A-Za-z0-9_-]{24}$/;

/** What opening a survey link came to. */
export type LinkOpening =
  /** The contact's survey began at this address: its first messages. */
  | { kind: 'opened'; outcome: StepOutcome }
  /** The link had opened this address's conversation already: it goes on there. */
  | { kind: 'resumed'; conversationId: string }
  /** The link opened a conversation elsewhere (another browser, another messenger): one survey per contact. */
  | { kind: 'used' }
  /** Past the answer timeout, or the invitation was cancelled: nothing to answer any more. */
  | { kind: 'expired' }
  /** No link has this token. */
  | { kind: 'unknown' };

const hashOf = (token: string) => createHash('sha256').update(token).digest();

/**
 * Personal survey links: a contact known by phone or e-mail is invited with a link that opens
 * the survey for that contact wherever the customer chooses to answer (the web chat, Telegram,
 * Viber), so the answers carry the contact's agent, service type and point, and count for its
 * customer. A link opens one conversation; opening it again at the same address goes on there.
 */
@Injectable()
export class SurveyLinks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly conversations: ConversationService,
    private readonly customers: CustomerDirectory,
    private readonly cipher: PiiCipher,
  ) {}

  /** Makes the contact's link in the caller's transaction; answers its token, which is not stored. */
  async issue(tx: EntityManager, contactId: string, expiresAt: Date): Promise<string> {
    const token = `sv_${randomBytes(18).toString('base64url')}`;
    await tx.insert(SurveyLinkEntity, { contactId, tokenHash: hashOf(token), expiresAt });
    return token;
  }

  /** What the page says before a session exists: the contact's language, and whether the link can still be answered; null when no link has the token. */
  async peek(token: string): Promise<{ locale: Locale; expired: boolean } | null> {
    if (!SURVEY_LINK_TOKEN.test(token)) return null;
    const link = await this.dataSource.manager.findOne(SurveyLinkEntity, { where: { tokenHash: hashOf(token) }, relations: { contact: true } });
    if (!link?.contact) return null;
    return { locale: link.contact.locale, expired: !this.answerable(link, link.contact) };
  }

  /**
   * Opens the link at an address (a web chat session, a Telegram chat): the contact's survey
   * starts there, under the contact's customer when the address is new, or goes on when this
   * address opened it before.
   */
  open(token: string, address: CustomerAddress): Promise<LinkOpening> {
    if (!SURVEY_LINK_TOKEN.test(token)) return Promise.resolve({ kind: 'unknown' });
    return this.dataSource.transaction(async (tx) => {
      const link = await tx.findOne(SurveyLinkEntity, { where: { tokenHash: hashOf(token) }, lock: { mode: 'pessimistic_write' } });
      if (!link) return { kind: 'unknown' };
      if (link.conversationId) {
        const conversation = await tx.findOneBy(ConversationEntity, { id: link.conversationId });
        const identity = conversation && (await tx.findOneBy(CustomerIdentityEntity, { id: conversation.identityId }));
        const here = identity?.channel === address.channel && identity.address === address.address;
        return here ? { kind: 'resumed', conversationId: link.conversationId } : { kind: 'used' };
      }
      const contact = await tx.findOneByOrFail(ContactEntity, { id: link.contactId });
      if (!this.answerable(link, contact) || !contact.customerId) return { kind: 'expired' };
      const now = this.clock.now();
      const customer = await tx.findOneByOrFail(CustomerEntity, { id: contact.customerId });
      // A new address joins the contact's customer, so the cool-down, an opt-out and the answers count for them.
      await this.customers.attach(tx, address, customer.id);
      const outcome = await this.conversations.start(address, contactContextOf(contact, customerNameOf(this.cipher, customer)), tx);
      await tx.update(SurveyLinkEntity, link.id, { openedAt: now, openedOn: address.channel, conversationId: outcome.conversationId });
      await tx.update(ContactEntity, contact.id, { conversationId: outcome.conversationId });
      return { kind: 'opened', outcome };
    });
  }

  /** Before the answer timeout, and the invitation neither cancelled nor timed out. */
  private answerable(link: SurveyLinkEntity, contact: ContactEntity): boolean {
    return link.expiresAt.getTime() > this.clock.now().getTime() && contact.cancelledAt === null && contact.nonResponderAt === null;
  }
}
