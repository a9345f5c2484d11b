import type { ChannelsConfig } from '@turbota/config';
import type { CustomerIdentityEntity } from '@turbota/persistence';

/** A channel an invitation can go out on: whether it is on, and whether it can write first to an address it never heard from. */
interface InvitationChannel {
  isOn(channels: ChannelsConfig): boolean;
  /** Bot Framework writes only to a stored conversation reference, which the customer's first message leaves. */
  needsReference: boolean;
}

// The web chat is absent on purpose: its page pulls, so nothing can be sent to a visitor who left.
const INVITATION_CHANNELS: Record<string, InvitationChannel> = {
  telegram: { isOn: (c) => c.telegram !== null, needsReference: false },
  viber: { isOn: (c) => c.viber !== null, needsReference: false },
  slack: { isOn: (c) => c.slack !== null, needsReference: false },
  botframework: { isOn: (c) => c.botframework !== null, needsReference: true },
};

/** Whether an invitation can be sent on the channel now: known, and its credentials set. */
export function canInviteOn(channel: string, channels: ChannelsConfig): boolean {
  return Object.hasOwn(INVITATION_CHANNELS, channel) && INVITATION_CHANNELS[channel].isOn(channels);
}

/** The platform refused delivery for good, or cannot write first to an address that never wrote. */
export function isUnreachable(identity: CustomerIdentityEntity): boolean {
  const needsReference = Object.hasOwn(INVITATION_CHANNELS, identity.channel) && INVITATION_CHANNELS[identity.channel].needsReference;
  return identity.unreachableAt !== null || (needsReference && !identity.reference);
}

/** The channels an invitation can go out on now, and those of them that need a stored reference to write first. */
export function invitationChannelsOn(channels: ChannelsConfig): { on: string[]; needReference: string[] } {
  const on = Object.keys(INVITATION_CHANNELS).filter((name) => INVITATION_CHANNELS[name].isOn(channels));
  return { on, needReference: on.filter((name) => INVITATION_CHANNELS[name].needsReference) };
}
