import type { RandomSource } from '@turbota/common';
import type { CustomerIdentityEntity } from '@turbota/persistence';
import { isUnreachable } from './invitation-channels';
import { nextSendingTime, type QuietHours } from '@turbota/surveys';

/** Why a finished contact leads to no survey. */
export const SKIP_REASONS = ['no_channel', 'opted_out', 'unreachable', 'no_policy', 'cool_down', 'sampled_out'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const DECISIONS = ['invited', 'scheduled', 'skipped'] as const;
export type DecisionKind = (typeof DECISIONS)[number];

/** Whether and when a customer is asked about a contact, and why not. */
export type ContactDecision =
  | { decision: 'invited'; sendAt: Date }
  | { decision: 'scheduled'; sendAt: Date }
  | { decision: 'skipped'; reason: Exclude<SkipReason, 'cool_down'> }
  | { decision: 'skipped'; reason: 'cool_down'; lastSurveyAt: Date };

/** The part of a survey policy the decision reads. */
export interface SamplingPolicy {
  samplingRate: number;
  cooldownDays: number;
  quietHours: QuietHours | null;
}

/** Everything known about a finished contact when deciding. */
export interface ContactFacts {
  /** The channel is known, on, and can carry an invitation. */
  channelOn: boolean;
  /** The customer said /stop (on any channel). */
  optedOut: boolean;
  /** The platform said this address cannot be written to (blocked), or it cannot be written to first. */
  unreachable: boolean;
  /** The active policy for the contact's service type; null when none covers it. */
  policy: SamplingPolicy | null;
  /** The customer's latest invitation on any channel (sent or scheduled); null when never. */
  lastSurveyAt: Date | null;
  now: Date;
  /** Drawn from only when sampling has to decide (a rate strictly between 0 and 1). */
  random: RandomSource;
}

const DAY_MS = 86_400_000;

/**
 * The decision table, checked in this order: no channel, opted out, unreachable, no policy,
 * cool-down, sampled out; a contact that passes is invited now, or scheduled for the end of
 * the policy's quiet hours.
 */
export function decideContact(facts: ContactFacts): ContactDecision {
  if (!facts.channelOn) return { decision: 'skipped', reason: 'no_channel' };
  if (facts.optedOut) return { decision: 'skipped', reason: 'opted_out' };
  if (facts.unreachable) return { decision: 'skipped', reason: 'unreachable' };
  const { policy, now, lastSurveyAt } = facts;
  if (!policy) return { decision: 'skipped', reason: 'no_policy' };
  if (lastSurveyAt && policy.cooldownDays > 0 && lastSurveyAt.getTime() > now.getTime() - policy.cooldownDays * DAY_MS) {
    return { decision: 'skipped', reason: 'cool_down', lastSurveyAt };
  }
  if (!sampledIn(policy.samplingRate, facts.random)) return { decision: 'skipped', reason: 'sampled_out' };
  const sendAt = nextSendingTime(now, policy.quietHours);
  return sendAt.getTime() > now.getTime() ? { decision: 'scheduled', sendAt } : { decision: 'invited', sendAt: now };
}

/** A rate of 1 takes everyone and 0 no one without a draw, so a draw is spent only on a real chance. */
function sampledIn(rate: number, random: RandomSource): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  return random() < rate;
}

/**
 * Whether the contact's own address makes it unreachable for the decision table. With a
 * cascade it does not: the cascade looks for a reachable step of its own when inviting.
 */
export function ownChannelUnreachable(identity: CustomerIdentityEntity, policy: { cascade: readonly unknown[] } | null): boolean {
  return isUnreachable(identity) && !policy?.cascade.length;
}

/**
 * A contact the decision invited whose cascade has no usable step (every channel off, or no
 * reachable address on any): skipped as unreachable, the decision table's word for "cannot be
 * written to", while `no_channel` keeps meaning that the contact's own channel is off.
 */
export const CASCADE_UNREACHABLE: ContactDecision = { decision: 'skipped', reason: 'unreachable' };
