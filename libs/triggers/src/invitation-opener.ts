import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { ConversationService } from '@turbota/conversations';
import type { ContactAttributes, SurveyPolicyEntity } from '@turbota/persistence';

/** What opening an invitation sets on its contact. */
export interface OpenedInvitation {
  invitedAt: Date;
  conversationId: string;
  respondBy: Date;
  remindAt: Date | null;
}

const MINUTE_MS = 60_000;

/**
 * Opens the post-contact survey for a contact in the caller's transaction: the conversation
 * carries the contact's attributes (so every answer does), its first message waits in the
 * outbox, and the deadlines for the reminder and the answer are set from the policy.
 */
@Injectable()
export class InvitationOpener {
  constructor(
    private readonly conversations: ConversationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(
    tx: EntityManager,
    invitation: { contact: ContactAttributes; address: string; policy: SurveyPolicyEntity; customerName?: string },
  ): Promise<OpenedInvitation> {
    const { contact, policy } = invitation;
    const now = this.clock.now();
    const started = await this.conversations.start(
      { channel: contact.channel, address: invitation.address },
      {
        locale: contact.locale,
        pointOfService: contact.pointOfService,
        agent: contact.agent,
        serviceType: contact.serviceType,
        customerName: invitation.customerName,
      },
      tx,
    );
    const after = (minutes: number) => new Date(now.getTime() + minutes * MINUTE_MS);
    return {
      invitedAt: now,
      conversationId: started.conversationId,
      respondBy: after(policy.answerTimeoutMinutes),
      remindAt: policy.reminderAfterMinutes === null ? null : after(policy.reminderAfterMinutes),
    };
  }
}
