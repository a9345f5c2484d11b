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
  /** When an invitation cascade's next step is due; absent without a cascade. */
  cascadeAt?: Date | null;
}

/** A contact to invite, on its own channel or on a step of its cascade. */
export interface Invitation {
  contact: ContactAttributes & { id: string };
  address: string;
  policy: SurveyPolicyEntity;
  customerName?: string;
}

/** An invitation by personal survey link on a channel (SMS, e-mail), for a cascade step when `stepPosition` is set. */
export interface LinkInvitation {
  contactId: string;
  channel: InvitationMessageEntity['channel'];
  /** When the link stops opening the survey: the contact's answer timeout. */
  respondBy: Date;
  stepPosition: number | null;
}

const MINUTE_MS = 60_000;

/**
 * Opens the post-contact survey for a contact in the caller's transaction. On a messenger the
 * conversation starts at once and carries the contact's attributes (so every answer does), its
 * first message waiting in the outbox. By SMS, e-mail or WhatsApp's template, the contact gets a
 * personal survey link and the message that carries it waits to be sent; the conversation
 * starts where the customer opens the link (or taps the template's button). The deadlines for
 * the reminder and the answer are set from the policy; an invitation by link is not reminded (a
 * second text costs as much as the first).
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

  /** Invites for a reported contact: by its survey link on a link channel (SMS, e-mail, WhatsApp), else on its messenger. */
  async invite(tx: EntityManager, invitation: Invitation): Promise<OpenedInvitation> {
    const { contact, policy } = invitation;
    if (!invitesByLink(contact.channel)) return this.open(tx, invitation);
    const now = this.clock.now();
    const respondBy = new Date(now.getTime() + policy.answerTimeoutMinutes * MINUTE_MS);
    await this.sendLink(tx, { contactId: contact.id, channel: contact.channel as LinkInvitation['channel'], respondBy, stepPosition: null });
    return { invitedAt: now, conversationId: null, respondBy, remindAt: null };
  }

  /** Issues the contact's survey link and queues the message that carries it. */
  async sendLink(tx: EntityManager, invitation: LinkInvitation): Promise<void> {
    const { contactId, channel } = invitation;
    const token = await this.links.issue(tx, contactId, invitation.respondBy);
    // The token stays sealed until the text is sent; the recipient is read from the contact then.
    const provider = { sms: this.config.sms?.provider ?? 'sms', email: 'smtp', whatsapp: 'whatsapp' }[channel];
    await tx.insert(InvitationMessageEntity, { contactId, channel, provider, tokenSealed: this.cipher.seal(token), stepPosition: invitation.stepPosition });
  }

  /** Starts the survey on a messenger address at once (on `channel`, the contact's own by default). */
  async open(tx: EntityManager, invitation: Omit<Invitation, 'contact'> & { contact: ContactAttributes; channel?: string }): Promise<OpenedInvitation> {
    const { contact, policy } = invitation;
    const now = this.clock.now();
    const after = (minutes: number) => new Date(now.getTime() + minutes * MINUTE_MS);
    const address = { channel: invitation.channel ?? contact.channel, address: invitation.address };
    const started = await this.conversations.start(address, contactContextOf(contact, invitation.customerName), tx);
    return {
      invitedAt: now,
      conversationId: started.conversationId,
      respondBy: after(policy.answerTimeoutMinutes),
      remindAt: policy.reminderAfterMinutes === null ? null : after(policy.reminderAfterMinutes),
    };
  }
}
