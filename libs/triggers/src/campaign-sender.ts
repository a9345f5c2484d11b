import { customerNameOf } from '@turbota/conversations';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { CampaignEntity, CampaignMemberEntity, ConversationEntity, CustomerEntity, CustomerIdentityEntity, executeTakeFirst, qb, SurveyPolicyEntity } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { isUnreachable } from './invitation-channels';
import { hasAnswers } from './has-answers';
import { InvitationOpener } from './invitation-opener';

/** Which member each step waits on at `now`, oldest due first, locked for its transaction (others skip it). */
const DUE = {
  send: (now: Date) =>
    qb
      .selectFrom('campaign_member as m')
      .innerJoin('campaign as c', 'c.id', 'm.campaign_id')
      .select('m.id')
      .where('m.sent_at', 'is', null)
      .where('m.cancelled_at', 'is', null)
      .where('m.send_at', '<=', now)
      .where('c.status', '=', 'active')
      .orderBy('m.send_at')
      .limit(1)
      .forUpdate('m')
      .skipLocked(),
  timeout: (now: Date) => qb.selectFrom('campaign_member').select('id').where('respond_by', '<=', now).orderBy('respond_by').limit(1).forUpdate().skipLocked(),
} as const;

/** A step of a campaign invitation. */
export type CampaignStep = keyof typeof DUE;
export const CAMPAIGN_STEPS = Object.keys(DUE) as CampaignStep[];

/**
 * Sends a campaign's invitations when their planned time comes (unless the customer opted out
 * or became unreachable since the draw), and marks an invitee silent at the answer timeout.
 * Each member is claimed with SKIP LOCKED in its own transaction, so several processes share
 * the work and every invitation goes once.
 */
@Injectable()
export class CampaignSender {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly invitations: InvitationOpener,
    private readonly cipher: PiiCipher,
  ) {}

  /** Handles the next due member of a step; false when none is due. */
  next(step: CampaignStep): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const due = await executeTakeFirst(tx, DUE[step](this.clock.now()));
      if (!due) return false;
      const member = await tx.findOneByOrFail(CampaignMemberEntity, { id: due.id });
      await this[step](tx, member, this.clock.now());
      return true;
    });
  }

  private async send(tx: EntityManager, member: CampaignMemberEntity, now: Date): Promise<void> {
    const lock = { mode: 'pessimistic_write' } as const;
    const identity = member.identityId ? await tx.findOne(CustomerIdentityEntity, { where: { id: member.identityId }, lock }) : null;
    const customer = identity && (await tx.findOne(CustomerEntity, { where: { id: identity.customerId }, lock }));
    // Opted out beats unreachable, as in the decision table.
    const cancelReason = !identity || !customer || customer.erasedAt ? 'unreachable' : customer.optedOutAt ? 'opted_out' : isUnreachable(identity) ? 'unreachable' : null;
    if (cancelReason) {
      await tx.update(CampaignMemberEntity, member.id, { cancelledAt: now, cancelReason });
      return;
    }
    const campaign = await tx.findOneByOrFail(CampaignEntity, { id: member.campaignId });
    const policy = await tx.findOneByOrFail(SurveyPolicyEntity, { id: campaign.policyId });
    const opened = await this.invitations.open(tx, {
      // The survey planner picks a policy by service type: the policy's own first one leads it to this policy.
      contact: { channel: identity!.channel, locale: customer!.locale ?? this.config.defaultLocale, pointOfService: null, agent: null, serviceType: policy.serviceTypes[0] ?? null },
      address: identity!.address,
      policy,
      customerName: customerNameOf(this.cipher, customer!),
    });
    await tx.update(CampaignMemberEntity, member.id, { sentAt: opened.invitedAt, conversationId: opened.conversationId, respondBy: opened.respondBy, customerId: customer!.id });
  }

  /** An invitee who answered nothing by the timeout is silent, and the survey waiting on them expires. */
  private async timeout(tx: EntityManager, member: CampaignMemberEntity, now: Date): Promise<void> {
    const answered = member.conversationId !== null && (await hasAnswers(tx, member.conversationId));
    if (!answered && member.conversationId) {
      await tx.update(ConversationEntity, { id: member.conversationId, status: 'open' }, { status: 'expired', endedAt: now });
    }
    await tx.update(CampaignMemberEntity, member.id, { respondBy: null, nonResponderAt: answered ? null : now });
  }
}
