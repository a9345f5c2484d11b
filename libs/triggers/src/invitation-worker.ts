import { Injectable, Logger } from '@nestjs/common';
import { PollingWorker } from '@turbota/workers';
import { CAMPAIGN_STEPS, type CampaignStep, CampaignSender } from './campaign-sender';
import { FOLLOW_UP_STEPS, type FollowUpStep, InvitationFollowUp } from './invitation-follow-up';

/** What one round handled: contacts per follow-up step, campaign members per campaign step. */
export type RoundCounts = Record<FollowUpStep, number> & { campaign: Record<CampaignStep, number> };

const IDLE_TICK_MS = 1_000;
/** Contacts per step per round, so one busy step never starves the others. */
const BATCH = 100;

/** Polls for invitations to follow up (scheduled, reminders, cascade steps, timeouts) and campaign invitations due, in the background. */
@Injectable()
export class InvitationWorker extends PollingWorker<RoundCounts> {
  constructor(
    private readonly followUp: InvitationFollowUp,
    private readonly campaigns: CampaignSender,
  ) {
    super(new Logger('Invitations'), { firstMs: IDLE_TICK_MS, idleMs: IDLE_TICK_MS, busyMs: 0 });
  }

  /** One round: every step until nothing is due or the batch is used; answers how many of each were handled. */
  async tick(): Promise<RoundCounts> {
    const handled = { scheduled: 0, reminder: 0, cascade: 0, timeout: 0, campaign: { send: 0, timeout: 0 } };
    for (const step of FOLLOW_UP_STEPS) {
      while (handled[step] < BATCH && !this.stopped && (await this.followUp.next(step))) handled[step]++;
    }
    for (const step of CAMPAIGN_STEPS) {
      while (handled.campaign[step] < BATCH && !this.stopped && (await this.campaigns.next(step))) handled.campaign[step]++;
    }
    return handled;
  }

  protected busy(handled: RoundCounts): boolean {
    const total = handled.scheduled + handled.reminder + handled.cascade + handled.timeout;
    if (total > 0) {
      this.logger.log(`Invitation follow-ups: ${handled.scheduled} scheduled, ${handled.reminder} reminders, ${handled.cascade} cascade steps, ${handled.timeout} answer timeouts`);
    }
    const { send, timeout } = handled.campaign;
    if (send + timeout > 0) this.logger.log(`Campaign invitations: ${send} sent, ${timeout} answer timeouts`);
    return [handled.scheduled, handled.reminder, handled.cascade, handled.timeout, send, timeout].some((n) => n >= BATCH);
  }
}
