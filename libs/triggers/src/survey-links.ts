import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { type Clock, CLOCK, type Locale } from '@turbota/common';
import {
  bindSurveyLink,
  contactContextOf,
  ConversationService,
  type CustomerAddress,
  CustomerDirectory,
  customerNameOf,
  isAnswerable,
  lockSurveyLink,
  type StepOutcome,
  surveyLinkHash,
} from '@turbota/conversations';
import { type ContactEntity, CustomerEntity, SurveyLinkEntity } from '@turbota/persistence';
import { isSurveyLinkToken } from '@turbota/points';
import { PiiCipher } from '@turbota/privacy';

/** What opening a survey link in the web chat came to. */
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

/**
 * Personal survey links: a contact known by phone or e-mail is invited with a link that opens
 * the survey for that contact wherever the customer chooses to answer: the web chat here, and
 * Telegram and Viber, whose deep links carry the same token to the dialogue's `/start`
 * (`ConversationService`), so the answers carry the contact's agent, service type and point,
 * and count for its customer. A link opens one conversation; opening it again at the same
 * address goes on there.
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
    await tx.insert(SurveyLinkEntity, { contactId, tokenHash: surveyLinkHash(token), expiresAt });
    return token;
  }

  /**
   * What the page says before a session exists: the contact's language, whether the link can
   * still be answered, and whether it was opened already (here or elsewhere); null when no
   * link has the token.
   */
  async peek(token: string): Promise<{ locale: Locale; expired: boolean; opened: boolean } | null> {
    const link = await this.withContact(token);
    if (!link) return null;
    return { locale: link.contact.locale, expired: !isAnswerable(link, link.contact, this.clock.now()), opened: link.conversationId !== null };
  }

  /**
   * The customer behind a link asks to be invited no more (an e-mail's unsubscribe link, or its
   * one-click `List-Unsubscribe-Post`): they are opted out on every channel, as a reply STOP
   * does, for as long as the link exists, past its answer timeout too. Answers the link's
   * language, or null when no link has the token.
   */
  async unsubscribe(token: string): Promise<{ locale: Locale } | null> {
    const link = await this.withContact(token);
    if (!link) return null;
    if (link.contact.customerId) {
      await this.dataSource.manager.update(CustomerEntity, { id: link.contact.customerId, optedOutAt: IsNull() }, { optedOutAt: this.clock.now() });
    }
    return { locale: link.contact.locale };
  }

  /** The link of a token with its contact, read without a lock; null when no link has it. */
  private async withContact(token: string): Promise<(SurveyLinkEntity & { contact: ContactEntity }) | null> {
    if (!isSurveyLinkToken(token)) return null;
    const link = await this.dataSource.manager.findOne(SurveyLinkEntity, { where: { tokenHash: surveyLinkHash(token) }, relations: { contact: true } });
    return link?.contact ? (link as SurveyLinkEntity & { contact: ContactEntity }) : null;
  }

  /**
   * Opens the link at a web chat session: the contact's survey starts there, under the
   * contact's customer, or goes on when this session opened it before.
   */
  open(token: string, address: CustomerAddress): Promise<LinkOpening> {
    return this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      const link = await lockSurveyLink(tx, token, address, now);
      if (link.kind === 'here') return { kind: 'resumed', conversationId: link.conversationId };
      if (link.kind !== 'fresh') return link;
      // A new address joins the contact's customer, so the cool-down, an opt-out and the answers count for them.
      await this.customers.attach(tx, address, link.customer.id);
      const outcome = await this.conversations.start(address, contactContextOf(link.contact, customerNameOf(this.cipher, link.customer)), tx);
      await bindSurveyLink(tx, link.link, outcome.conversationId, address.channel, now);
      return { kind: 'opened', outcome };
    });
  }
}
