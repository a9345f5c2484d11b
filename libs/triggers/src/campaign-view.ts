import type { CampaignEntity } from '@turbota/persistence';

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

/** The counts of a campaign's members (`$1` is the campaign). */
export const PROGRESS_SQL = `SELECT
    count(*) FILTER (WHERE m.cancelled_at IS NULL)::int AS planned,
    count(*) FILTER (WHERE m.sent_at IS NOT NULL)::int AS sent,
    count(*) FILTER (WHERE m.sent_at IS NOT NULL AND a.answered)::int AS answered,
    count(*) FILTER (WHERE m.non_responder_at IS NOT NULL AND NOT a.answered)::int AS silent,
    count(*) FILTER (WHERE m.cancelled_at IS NOT NULL)::int AS cancelled,
    min(m.send_at) FILTER (WHERE m.sent_at IS NULL AND m.cancelled_at IS NULL) AS next_send_at
  FROM campaign_member m
  CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM answer x WHERE x.conversation_id = m.conversation_id) AS answered) a
  WHERE m.campaign_id = $1`;

/** One row of `PROGRESS_SQL`. */
export interface ProgressRow {
  planned: number;
  sent: number;
  answered: number;
  silent: number;
  cancelled: number;
  next_send_at: Date | null;
}

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
