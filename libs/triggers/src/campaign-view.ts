import { type Expression, type InferResult, sql, type SqlBool } from 'kysely';
import { type CampaignEntity, qb } from '@turbota/persistence';

/** DOMAIN.md: a representative survey should hear back from at least 70% of those asked. */
export const RESPONSE_RATE_TARGET = 0.7;

/** A campaign and how far it got. */
export interface CampaignView {
  id: string;
  name: string;
  policyId: string;
  status: 'active' | 'cancelled';
  channel: string | null;
  /** What was asked: a size or a share of the eligible. */
  requested: { size: number } | { share: number };
  eligible: number;
  windowStart: Date;
  windowEnd: Date;
  createdAt: Date;
  cancelledAt: Date | null;
  /** Customers drawn whose invitation is still to go or went. */
  planned: number;
  sent: number;
  /** Invitees who answered at least one question. */
  answered: number;
  /** Invitees who answered nothing within the answer timeout (non-responders). */
  silent: number;
  /** Sent, neither answered nor timed out yet. */
  waiting: number;
  /** Invitations that did not go: the customer opted out or became unreachable, or the campaign was cancelled. */
  cancelled: number;
  /** answered / sent; null before the first invitation goes. */
  responseRate: number | null;
  responseRateTarget: number;
  /** Whether the response rate reaches the target; null before the first invitation goes. */
  meetsTarget: boolean | null;
  /** The next planned invitation; null when none is left. */
  nextSendAt: Date | null;
}

/** The counts of a campaign's members. */
export function progressQuery(campaignId: string) {
  return qb
    .selectFrom('campaign_member as m')
    .crossJoinLateral(
      qb
        .selectNoFrom((eb) =>
          eb
            .exists(eb.selectFrom('answer as x').select(eb.lit(1).as('one')).where('x.conversation_id', '=', sql.ref<string>('m.conversation_id')))
            .as('answered'),
        )
        .as('a'),
    )
    .select((eb) => {
      const count = (filter: Expression<SqlBool>) => eb.cast<number>(eb.fn.countAll().filterWhere(filter), 'integer');
      return [
        count(eb('m.cancelled_at', 'is', null)).as('planned'),
        count(eb('m.sent_at', 'is not', null)).as('sent'),
        count(eb.and([eb('m.sent_at', 'is not', null), eb.ref('a.answered')])).as('answered'),
        count(eb.and([eb('m.non_responder_at', 'is not', null), eb.not(eb.ref('a.answered'))])).as('silent'),
        count(eb('m.cancelled_at', 'is not', null)).as('cancelled'),
        eb.fn
          .min('m.send_at')
          .filterWhere(eb.and([eb('m.sent_at', 'is', null), eb('m.cancelled_at', 'is', null)]))
          .$castTo<Date | null>()
          .as('next_send_at'),
      ];
    })
    .where('m.campaign_id', '=', campaignId);
}

/** One row of {@link progressQuery}. */
export type ProgressRow = InferResult<ReturnType<typeof progressQuery>>[number];

export function campaignViewOf(c: CampaignEntity, progress: ProgressRow): CampaignView {
  const { planned, sent, answered, silent, cancelled } = progress;
  const responseRate = sent === 0 ? null : answered / sent;
  return {
    id: c.id,
    name: c.name,
    policyId: c.policyId,
    status: c.status,
    channel: c.channel,
    requested: c.requestedSize !== null ? { size: c.requestedSize } : { share: c.requestedShare! },
    eligible: c.eligible,
    windowStart: c.windowStart,
    windowEnd: c.windowEnd,
    createdAt: c.createdAt,
    cancelledAt: c.cancelledAt,
    planned,
    sent,
    answered,
    silent,
    waiting: sent - answered - silent,
    cancelled,
    responseRate,
    responseRateTarget: RESPONSE_RATE_TARGET,
    meetsTarget: responseRate === null ? null : responseRate >= RESPONSE_RATE_TARGET,
    nextSendAt: progress.next_send_at ? new Date(progress.next_send_at) : null,
  };
}
