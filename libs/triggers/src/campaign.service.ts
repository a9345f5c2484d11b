import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type AuditActor, recordConfigChange } from '@turbota/audit';
import { ADVISORY_LOCKS, type Clock, CLOCK, InvalidInputError, NotFoundError, RANDOM, type RandomSource, UnprocessableError } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { sql } from 'kysely';
import { CampaignEntity, CampaignMemberEntity, execute, executeTakeFirst, qb, SurveyPolicyEntity } from '@turbota/persistence';
import type { CampaignInput } from './campaign-input';
import { CampaignWindowError, drawSample, sampleSize, spreadSendTimes } from './campaign-plan';
import { type CampaignView, campaignViewOf, progressQuery } from './campaign-view';
import { invitationChannelsOn } from './invitation-channels';

/** DOMAIN.md: a customer takes part in a representative survey no more often than once in 6 months. */
export const REPRESENTATIVE_COOLDOWN_DAYS = 180;

/**
 * Customers a campaign may draw, one address each (the newest reachable one), in a fixed order
 * so a seeded draw is reproducible: not opted out or erased, reachable on an invitation channel,
 * not in a campaign within the representative cool-down, nor invited within the policy's.
 */
function eligibleQuery(options: { channels: { on: string[]; needReference: string[] }; now: Date; campaignCooldownDays: number; inviteCooldownDays: number }) {
  const { channels, now } = options;
  const since = (days: number) => sql<Date>`${now}::timestamptz - make_interval(days => ${days}::int)`;
  return qb
    .selectFrom('customer as c')
    .innerJoin('customer_identity as i', 'i.customer_id', 'c.id')
    .distinctOn('c.id')
    .select(['c.id as customer_id', 'i.id as identity_id', 'i.channel'])
    .where('c.opted_out_at', 'is', null)
    .where('c.erased_at', 'is', null)
    .where('i.channel', '=', sql<string>`ANY(${channels.on}::text[])`)
    .where('i.unreachable_at', 'is', null)
    .where((eb) => eb.or([eb('i.channel', '<>', sql<string>`ALL(${channels.needReference}::text[])`), eb('i.reference', 'is not', null)]))
    .where((eb) =>
      eb.and([
        eb.not(
          eb.exists(
            eb
              .selectFrom('campaign_member as m')
              .select('m.id')
              .whereRef('m.customer_id', '=', 'c.id')
              .where('m.cancelled_at', 'is', null)
              .where((inner) => inner(inner.fn.coalesce('m.sent_at', 'm.send_at'), '>', since(options.campaignCooldownDays))),
          ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('contact as k')
              .select('k.id')
              .whereRef('k.customer_id', '=', 'c.id')
              .where('k.decision', 'in', ['invited', 'scheduled'])
              .where('k.cancelled_at', 'is', null)
              .where((inner) => inner(inner.fn.coalesce('k.invited_at', 'k.send_at'), '>', since(options.inviteCooldownDays))),
          ),
        ),
      ]),
    )
    .orderBy('c.id')
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id');
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

  /** Draws and plans a campaign; `by` is recorded in the audit. */
  async create(input: CampaignInput, by: AuditActor): Promise<CampaignView> {
    const now = this.clock.now();
    if (input.windowEnd.getTime() <= now.getTime()) throw new InvalidInputError([{ field: 'windowEnd', problems: ['must be in the future'] }]);
    const channels = this.channelsFor(input);
    const id = await this.dataSource.transaction(async (tx) => {
      // One campaign is drawn at a time, so two drawn together cannot both take the same customer.
      await execute(tx, sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.campaigns})`);
      const policy = await tx.findOneBy(SurveyPolicyEntity, { id: input.policyId, status: 'active' });
      if (!policy) throw new InvalidInputError([{ field: 'policyId', problems: [`No active survey policy ${input.policyId}`] }]);
      const eligible = await execute(
        tx,
        eligibleQuery({ channels, now, campaignCooldownDays: Math.max(REPRESENTATIVE_COOLDOWN_DAYS, policy.cooldownDays), inviteCooldownDays: policy.cooldownDays }),
      );
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
      await recordConfigChange(tx, { actor: by, subject: subjectOf(campaign), action: 'created', before: null, after: { ...auditedOf(campaign), planned: members.length } });
      return campaign.id;
    });
    return this.get(id);
  }

  /**
   * How many customers a campaign of this policy (and channel) would draw now, found as `create`
   * finds them, and the channels a campaign can use; nothing is stored.
   */
  async eligibleNow(input: { policyId: string; channel?: string }): Promise<{ eligible: number; channels: string[] }> {
    const channels = this.channelsFor(input);
    const policy = await this.dataSource.manager.findOneBy(SurveyPolicyEntity, { id: input.policyId, status: 'active' });
    if (!policy) throw new InvalidInputError([{ field: 'policyId', problems: [`No active survey policy ${input.policyId}`] }]);
    const eligible = eligibleQuery({ channels, now: this.clock.now(), campaignCooldownDays: Math.max(REPRESENTATIVE_COOLDOWN_DAYS, policy.cooldownDays), inviteCooldownDays: policy.cooldownDays });
    const found = await executeTakeFirst(this.dataSource.manager, qb.selectFrom(eligible.as('e')).select(sql<number>`count(*)::int`.as('count')));
    return { eligible: found?.count ?? 0, channels: invitationChannelsOn(this.config).on };
  }

  async list(): Promise<CampaignView[]> {
    const campaigns = await this.dataSource.manager.find(CampaignEntity, { order: { createdAt: 'DESC', id: 'ASC' } });
    return Promise.all(campaigns.map((c) => this.viewOf(this.dataSource.manager, c)));
  }

  async get(id: string): Promise<CampaignView> {
    return this.viewOf(this.dataSource.manager, await this.campaign(this.dataSource.manager, id));
  }

  /** Stops the campaign: invitations not yet sent are cancelled; the surveys already open go on. */
  async cancel(id: string, by: AuditActor): Promise<CampaignView> {
    return this.dataSource.transaction(async (tx) => {
      const campaign = await this.campaign(tx, id, true);
      if (campaign.status === 'active') {
        const now = this.clock.now();
        await tx.update(CampaignEntity, id, { status: 'cancelled', cancelledAt: now });
        const after = { ...campaign, status: 'cancelled' as const, cancelledAt: now };
        await recordConfigChange(tx, { actor: by, subject: subjectOf(campaign), action: 'cancelled', before: auditedOf(campaign), after: auditedOf(after) });
        await execute(
          tx,
          qb
            .updateTable('campaign_member')
            .set({ cancelled_at: now, cancel_reason: 'campaign_cancelled' })
            .where('campaign_id', '=', id)
            .where('sent_at', 'is', null)
            .where('cancelled_at', 'is', null),
        );
      }
      return this.viewOf(tx, await this.campaign(tx, id));
    });
  }

  private channelsFor(input: { channel?: string }): { on: string[]; needReference: string[] } {
    const channels = invitationChannelsOn(this.config);
    if (input.channel === undefined) return channels;
    if (!channels.on.includes(input.channel)) {
      throw new InvalidInputError([{ field: 'channel', problems: [`must be one of the channels that are on and can invite: ${channels.on.join(', ') || '(none)'}`] }]);
    }
    return { on: [input.channel], needReference: channels.needReference.filter((c) => c === input.channel) };
  }

  private plan(count: number, window: { start: Date; end: Date }, policy: SurveyPolicyEntity): Date[] {
    try {
      return spreadSendTimes(count, window, policy.quietHours);
    } catch (error) {
      if (error instanceof CampaignWindowError) throw new UnprocessableError(`Cannot spread ${count} invitations: ${error.message}`);
      throw error;
    }
  }

  private async campaign(manager: EntityManager, id: string, lock = false): Promise<CampaignEntity> {
    const campaign = await manager.findOne(CampaignEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!campaign) throw new NotFoundError(`No campaign ${id}`);
    return campaign;
  }

  private async viewOf(manager: EntityManager, campaign: CampaignEntity): Promise<CampaignView> {
    const progress = await executeTakeFirst(manager, progressQuery(campaign.id));
    if (!progress) throw new Error('An aggregate answers one row');
    return campaignViewOf(campaign, progress);
  }
}

function subjectOf(campaign: CampaignEntity) {
  return { kind: 'campaign' as const, id: campaign.id, label: campaign.name };
}

/** What an admin decided about a campaign (its progress counts are no decision). */
function auditedOf(c: CampaignEntity) {
  const { name, policyId, status, channel, requestedSize, requestedShare, eligible, windowStart, windowEnd, cancelledAt } = c;
  return { name, policyId, status, channel, requestedSize, requestedShare, eligible, windowStart, windowEnd, cancelledAt };
}
