import { Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ADVISORY_LOCKS, type Clock, CLOCK, RANDOM, type RandomSource } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { CampaignEntity, CampaignMemberEntity, SurveyPolicyEntity } from '@turbota/persistence';
import { validationError } from '@turbota/server';
import type { CampaignInput } from './campaign-input';
import { CampaignWindowError, drawSample, sampleSize, spreadSendTimes } from './campaign-plan';
import { type CampaignView, campaignViewOf, PROGRESS_SQL, type ProgressRow } from './campaign-view';
import { invitationChannelsOn } from './invitation-channels';

/** DOMAIN.md: a customer takes part in a representative survey no more often than once in 6 months. */
export const REPRESENTATIVE_COOLDOWN_DAYS = 180;

/**
 * Customers a campaign may draw, one address each (the newest reachable one), in a fixed order
 * so a seeded draw is reproducible: not opted out or erased, reachable on an invitation channel,
 * not in a campaign within the representative cool-down, nor invited within the policy's.
 */
const ELIGIBLE_SQL = `SELECT DISTINCT ON (c.id) c.id AS customer_id, i.id AS identity_id, i.channel
  FROM customer c JOIN customer_identity i ON i.customer_id = c.id
  WHERE c.opted_out_at IS NULL AND c.erased_at IS NULL
    AND i.channel = ANY($1::text[]) AND i.unreachable_at IS NULL AND (i.channel <> ALL($2::text[]) OR i.reference IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM campaign_member m WHERE m.customer_id = c.id AND m.cancelled_at IS NULL
                    AND coalesce(m.sent_at, m.send_at) > $3::timestamptz - make_interval(days => $4::int))
    AND NOT EXISTS (SELECT 1 FROM contact k WHERE k.customer_id = c.id AND k.decision IN ('invited', 'scheduled') AND k.cancelled_at IS NULL
                    AND coalesce(k.invited_at, k.send_at) > $3::timestamptz - make_interval(days => $5::int))
  ORDER BY c.id, i.created_at DESC, i.id`;

interface Eligible {
  customer_id: string;
  identity_id: string;
  channel: string;
}

/**
 * Representative campaigns: a uniform random sample of the eligible customers, each with a
 * planned invitation time spread over the window; `CampaignSender` sends them when due.
 */
@Injectable()
export class CampaignService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: RandomSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(input: CampaignInput): Promise<CampaignView> {
    const now = this.clock.now();
    if (input.windowEnd.getTime() <= now.getTime()) throw validationError([{ field: 'windowEnd', problems: ['must be in the future'] }]);
    const channels = this.channelsFor(input);
    const id = await this.dataSource.transaction(async (tx) => {
      // One campaign is drawn at a time, so two drawn together cannot both take the same customer.
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.campaigns]);
      const policy = await tx.findOneBy(SurveyPolicyEntity, { id: input.policyId, status: 'active' });
      if (!policy) throw validationError([{ field: 'policyId', problems: [`No active survey policy ${input.policyId}`] }]);
      const eligible = await tx.query<Eligible[]>(ELIGIBLE_SQL, [
        channels.on,
        channels.needReference,
        now,
        Math.max(REPRESENTATIVE_COOLDOWN_DAYS, policy.cooldownDays),
        policy.cooldownDays,
      ]);
      const drawn = drawSample(eligible.length, sampleSize(input.size !== undefined ? { size: input.size } : { share: input.share! }, eligible.length), this.random);
      const start = new Date(Math.max(input.windowStart.getTime(), now.getTime()));
      const times = this.plan(drawn.length, { start, end: input.windowEnd }, policy);
      const campaign = await tx.save(CampaignEntity, {
        name: input.name,
        policyId: policy.id,
        status: 'active' as const,
        channel: input.channel ?? null,
        requestedSize: input.size ?? null,
        requestedShare: input.share ?? null,
        eligible: eligible.length,
        windowStart: input.windowStart,
        windowEnd: input.windowEnd,
        cancelledAt: null,
      });
      const members = drawn.map((index, k) => ({ campaignId: campaign.id, customerId: eligible[index].customer_id, identityId: eligible[index].identity_id, channel: eligible[index].channel, sendAt: times[k] }));
      for (let i = 0; i < members.length; i += 1_000) await tx.insert(CampaignMemberEntity, members.slice(i, i + 1_000));
      return campaign.id;
    });
    return this.get(id);
  }

  async list(): Promise<CampaignView[]> {
    const campaigns = await this.dataSource.manager.find(CampaignEntity, { order: { createdAt: 'DESC', id: 'ASC' } });
    return Promise.all(campaigns.map((c) => this.viewOf(this.dataSource.manager, c)));
  }

  async get(id: string): Promise<CampaignView> {
    return this.viewOf(this.dataSource.manager, await this.campaign(this.dataSource.manager, id));
  }

  /** Stops the campaign: invitations not yet sent are cancelled; the surveys already open go on. */
  async cancel(id: string): Promise<CampaignView> {
    return this.dataSource.transaction(async (tx) => {
      const campaign = await this.campaign(tx, id, true);
      if (campaign.status === 'active') {
        const now = this.clock.now();
        await tx.update(CampaignEntity, id, { status: 'cancelled', cancelledAt: now });
        await tx.query(`UPDATE campaign_member SET cancelled_at = $2, cancel_reason = 'campaign_cancelled' WHERE campaign_id = $1 AND sent_at IS NULL AND cancelled_at IS NULL`, [id, now]);
      }
      return this.viewOf(tx, await this.campaign(tx, id));
    });
  }

  private channelsFor(input: CampaignInput): { on: string[]; needReference: string[] } {
    const channels = invitationChannelsOn(this.config.channels);
    if (input.channel === undefined) return channels;
    if (!channels.on.includes(input.channel)) {
      throw validationError([{ field: 'channel', problems: [`must be one of the channels that are on and can invite: ${channels.on.join(', ') || '(none)'}`] }]);
    }
    return { on: [input.channel], needReference: channels.needReference.filter((c) => c === input.channel) };
  }

  private plan(count: number, window: { start: Date; end: Date }, policy: SurveyPolicyEntity): Date[] {
    try {
      return spreadSendTimes(count, window, policy.quietHours);
    } catch (error) {
      if (error instanceof CampaignWindowError) throw new UnprocessableEntityException(`Cannot spread ${count} invitations: ${error.message}`);
      throw error;
    }
  }

  private async campaign(manager: EntityManager, id: string, lock = false): Promise<CampaignEntity> {
    const campaign = await manager.findOne(CampaignEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!campaign) throw new NotFoundException(`No campaign ${id}`);
    return campaign;
  }

  private async viewOf(manager: EntityManager, campaign: CampaignEntity): Promise<CampaignView> {
    const [progress] = await manager.query<ProgressRow[]>(PROGRESS_SQL, [campaign.id]);
    return campaignViewOf(campaign, progress);
  }
}
