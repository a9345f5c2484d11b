import type { CascadeStep } from '@turbota/surveys';

/** Why a cascade step was sent: the first usable one, or the previous one was not delivered or not answered within its wait. */
export type StepSendReason = 'first' | 'not_delivered' | 'not_answered';
/** Why the cascade passed a step by: its channel is off, or the customer has no (reachable) address on it. */
export type StepSkipReason = 'channel_off' | 'no_address' | 'unreachable';
/** Why the steps left were not sent: the customer answered, opted out, or the answer timeout came. */
export type StepCancelReason = 'answered' | 'opted_out' | 'timed_out';

/** Where an invitation on a step goes: a messenger address (the customer's identity on it), or a personal survey link (SMS, e-mail, WhatsApp's template). */
export type StepTarget = { kind: 'messenger'; identityId: string; address: string } | { kind: 'link' };

/** A customer's messenger identity as the cascade reads it. */
export interface ReachableIdentity {
  id: string;
  channel: string;
  address: string;
  /** Blocked, or the channel cannot write first to it (`isUnreachable`). */
  unreachable: boolean;
}

/** What the cascade knows of where a contact's customer can be reached. */
export interface CascadeReach {
  /** Whether invitations can go on the channel at all (`canInviteOn`). */
  channelOn(channel: string): boolean;
  /** Whether the channel's invitations are personal survey links (`invitesByLink`). */
  byLink(channel: string): boolean;
  /** The customer's identities, the one the contact was reported on first, then the most recent. */
  identities: ReachableIdentity[];
  /** The contact carries a phone (for `sms` and `whatsapp`) and an e-mail (for `email`). */
  hasPhone: boolean;
  hasEmail: boolean;
  /** The number or mailbox refused delivery for good before. */
  linkUnreachable(channel: string): boolean;
}

/** A step of the cascade applied to a contact, 1-based. */
export interface OrderedStep extends CascadeStep {
  position: number;
}

/** The next step to send and the ones passed by on the way to it. */
export interface NextStep {
  skipped: { step: OrderedStep; reason: StepSkipReason }[];
  /** Null when no step from there on is usable. */
  send: { step: OrderedStep; target: StepTarget } | null;
}

/**
 * The policy's cascade in the order applied to a contact: the customer's own channel (stated
 * or last used) moves first when the cascade lists it. The waits stay with their positions, so
 * the steps still add up to less than the answer timeout and the last one keeps none.
 */
export function orderCascade(cascade: readonly CascadeStep[], preferred: string | null): OrderedStep[] {
  const first = cascade.find((s) => s.channel === preferred);
  const channels = first ? [first.channel, ...cascade.filter((s) => s !== first).map((s) => s.channel)] : cascade.map((s) => s.channel);
  return cascade.map((step, i) => ({ position: i + 1, channel: channels[i], ...(step.waitMinutes === undefined ? {} : { waitMinutes: step.waitMinutes }) }));
}

/** Where an invitation on the step's channel can go, or why it cannot. */
export function targetOf(channel: string, reach: CascadeReach): { target: StepTarget } | { skip: StepSkipReason } {
  if (!reach.channelOn(channel)) return { skip: 'channel_off' };
  if (reach.byLink(channel)) {
    const has = channel === 'email' ? reach.hasEmail : reach.hasPhone;
    if (!has) return { skip: 'no_address' };
    return reach.linkUnreachable(channel) ? { skip: 'unreachable' } : { target: { kind: 'link' } };
  }
  const identities = reach.identities.filter((i) => i.channel === channel);
  if (identities.length === 0) return { skip: 'no_address' };
  const usable = identities.find((i) => !i.unreachable);
  return usable ? { target: { kind: 'messenger', identityId: usable.id, address: usable.address } } : { skip: 'unreachable' };
}

/** The first usable step from `position` on, and the steps skipped before it. */
export function nextStep(steps: readonly OrderedStep[], position: number, reach: CascadeReach): NextStep {
  const skipped: NextStep['skipped'] = [];
  for (const step of steps.filter((s) => s.position >= position)) {
    const found = targetOf(step.channel, reach);
    if ('target' in found) return { skipped, send: { step, target: found.target } };
    skipped.push({ step, reason: found.skip });
  }
  return { skipped, send: null };
}
