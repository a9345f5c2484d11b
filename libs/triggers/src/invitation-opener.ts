import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { contactContextOf, ConversationService } from '@turbota/conversations';
import { type ContactAttributes, InvitationMessageEntity, type SurveyPolicyEntity } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { invitesByLink } from './invitation-channels';
import { SurveyLinks } from './survey-links';

/** What opening an invitation sets on its contact. */
export interface OpenedInvitation {
  invitedAt: Date;
  /** The survey's conversation; null for an invitation by link until the customer opens it. */
  conversationId: string | null;
  respondBy: Date;
  remindAt: Date | null;
}

const MINUTE_MS = 60_000;

/**
 * Opens the post-contact survey for a contact in the caller's transaction. On a messenger the
 * conversation starts at once and carries the contact's attributes (so every answer does), its
 * first message waiting in the outbox. By SMS, e-mail or WhatsApp's template, the contact gets a
 * personal survey link and the message that carries it waits to be sent; the conversation
 * starts where the customer opens the link (or taps the template's button). The deadlines for the reminder and the answer are set from the policy; an invitation by
 * link is not reminded (a second text costs as much as the first).
 */
@Injectable()
export class InvitationOpener {
  constructor(
    private readonly conversations: ConversationService,
    private readonly links: SurveyLinks,
    private readonly cipher: PiiCipher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Invites for a reported contact: by its survey link on a link channel (SMS, e-mail), else on its messenger. */
  async invite(
    tx: EntityManager,
    invitation: { contact: ContactAttributes & { id: string }; address: string; policy: SurveyPolicyEntity; customerName?: string },
  ): Promise<OpenedInvitation> {
    const { contact, policy } = invitation;
    if (!invitesByLink(contact.channel)) return this.open(tx, invitation);
    const now = this.clock.now();
    const respondBy = new Date(now.getTime() + policy.answerTimeoutMinutes * MINUTE_MS);
    const token = await this.links.issue(tx, contact.id, respondBy);
    // The token stays sealed until the text is sent; the recipient is read from the contact then.
    const channel = contact.channel as InvitationMessageEntity['channel'];
    const provider = { sms: this.config.sms?.provider ?? 'sms', email: 'smtp', whatsapp: 'whatsapp' }[channel];
    await tx.insert(InvitationMessageEntity, { contactId: contact.id, channel, provider, tokenSealed: this.cipher.seal(token) });
    return { invitedAt: now, conversationId: null, respondBy, remindAt: null };
  }

  /** Starts the survey on a messenger address at once. */
  async open(tx: EntityManager, invitation: { contact: ContactAttributes; address: string; policy: SurveyPolicyEntity; customerName?: string }): Promise<OpenedInvitation> {
    const { contact, policy } = invitation;
    const now = this.clock.now();
    const after = (minutes: number) => new Date(now.getTime() + minutes * MINUTE_MS);
    const started = await this.conversations.start({ channel: contact.channel, address: invitation.address }, contactContextOf(contact, invitation.customerName), tx);
    return {
      invitedAt: now,
      conversationId: started.conversationId,
      respondBy: after(policy.answerTimeoutMinutes),
      remindAt: policy.reminderAfterMinutes === null ? null : after(policy.reminderAfterMinutes),
    };
  }
}
