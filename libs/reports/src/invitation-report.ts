import type { InvitationPrices } from '@turbota/config';
import { nps, type NpsResult, responseRate, type ResponseRateResult } from '@turbota/statistics';
import type { ChannelInvitationCounts, StepInvitationCounts } from './invitations.repository';

/** One invitation channel's reach: who was invited, who answered, their NPS, and what it cost. */
export interface ChannelReach {
  channel: string;
  responseRate: ResponseRateResult & { awaiting: number };
  /** The NPS of the invitees who answered the integral NPS question, with its 95% interval. */
  nps: NpsResult;
  /** SMS or e-mail messages the provider took, and the SMS segments among them. */
  messages: number;
  segments: number;
  /** Where answered survey links were opened (`web`, `telegram`, `viber`). */
  answeredOn: Record<string, number>;
  /** What the channel bills (per SMS segment, else per message), as configured; null when it has no price. */
  price: number | null;
  /** Price times what was billed; null without a price. */
  cost: number | null;
  /** The cost over the invitees who answered; null without a price or an answer. */
  costPerAnswer: number | null;
}

/** One invitation cascade step's reach: who it was sent to, who answered the survey it opened, their NPS. */
export interface StepReach {
  position: number;
  channel: string;
  responseRate: ResponseRateResult & { awaiting: number };
  nps: NpsResult;
}

/** The reach of every invitation channel, with the currency the costs are in (null: no prices configured), and of every cascade step. */
export interface InvitationsReport {
  currency: string | null;
  channels: ChannelReach[];
  steps: StepReach[];
}

/**
 * The invitations report: per channel the response rate and NPS with their intervals, and the
 * cost per answered survey where a price is configured. An SMS is billed per segment, an
 * e-mail per message the SMTP server took, a messenger invitation per invitation sent. Per
 * cascade step, the response rate and NPS of those it reached.
 */
export function invitationsReport(rows: readonly ChannelInvitationCounts[], prices: InvitationPrices | null, steps: readonly StepInvitationCounts[] = []): InvitationsReport {
  return {
    currency: prices?.currency ?? null,
    steps: steps.map((step) => ({
      position: step.position,
      channel: step.channel,
      responseRate: { ...responseRate({ invited: step.invited, answered: step.answered }), awaiting: step.awaiting },
      nps: nps(step.npsOfInvited),
    })),
    channels: rows.map((row) => {
      const price = prices && Object.hasOwn(prices.perMessage, row.channel) ? prices.perMessage[row.channel] : null;
      const billed = row.channel === 'sms' ? row.segments : row.messages > 0 || row.channel === 'email' ? row.messages : row.invited;
      const cost = price === null ? null : money(price * billed);
      return {
        channel: row.channel,
        responseRate: { ...responseRate({ invited: row.invited, answered: row.answered }), awaiting: row.awaiting },
        nps: nps(row.npsOfInvited),
        messages: row.messages,
        segments: row.segments,
        answeredOn: row.answeredOn,
        price,
        cost,
        costPerAnswer: cost === null || row.answered === 0 ? null : money(cost / row.answered),
      };
    }),
  };
}

/** Money to a hundredth of a cent: an e-mail costs a fraction of one. */
function money(amount: number): number {
  return Math.round(amount * 10_000) / 10_000;
}
