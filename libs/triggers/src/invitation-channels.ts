import type { AppConfig } from '@turbota/config';
import type { ContactEntity, CustomerIdentityEntity } from '@turbota/persistence';

/** What an invitation channel's availability depends on. */
type InvitationConfig = Pick<AppConfig, 'channels' | 'sms' | 'mail' | 'publicUrl'>;

/** A channel an invitation can go out on: whether it is on, and whether it can write first to an address it never heard from. */
interface InvitationChannel {
  isOn(config: InvitationConfig): boolean;
  /** Bot Framework writes only to a stored conversation reference, which the customer's first message leaves. */
  needsReference: boolean;
  /** The invitation carries a personal survey link (a text, an e-mail, WhatsApp's template); the customer answers where they open it. */
  byLink: boolean;
}

// The web chat is absent on purpose: its page pulls, so nothing can be sent to a visitor who left.
const INVITATION_CHANNELS: Record<string, InvitationChannel> = {
  telegram: { isOn: (c) => c.channels.telegram !== null, needsReference: false, byLink: false },
  viber: { isOn: (c) => c.channels.viber !== null, needsReference: false, byLink: false },
  // A PSID Turbota already knows. Meta takes the invitation only within 24 hours of the customer's
  // last message: later, the send is refused and the message fails with that reason.
  messenger: { isOn: (c) => c.channels.messenger !== null, needsReference: false, byLink: false },
  slack: { isOn: (c) => c.channels.slack !== null, needsReference: false, byLink: false },
  botframework: { isOn: (c) => c.channels.botframework !== null, needsReference: true, byLink: false },
  // The text carries a link to PUBLIC_URL/chat/s/<token>: without a public address there is nothing to open.
  sms: { isOn: (c) => c.sms !== null && c.publicUrl !== undefined, needsReference: false, byLink: true },
  // The e-mail's links (the survey, one per score, the unsubscribe) lead there too.
  email: { isOn: (c) => c.mail !== null && c.publicUrl !== undefined, needsReference: false, byLink: true },
  // Only an approved template may write first on WhatsApp: its quick reply carries the link's
  // token back, and the survey goes on in WhatsApp. To the phone the contact was reported with.
  whatsapp: { isOn: (c) => Boolean(c.channels.whatsapp?.invitationTemplate), needsReference: false, byLink: true },
};

/** Whether an invitation can be sent on the channel now: known, and its credentials set. */
export function canInviteOn(channel: string, config: InvitationConfig): boolean {
  return Object.hasOwn(INVITATION_CHANNELS, channel) && INVITATION_CHANNELS[channel].isOn(config);
}

/** Whether invitations on the channel carry a personal survey link (SMS, e-mail, WhatsApp's template). */
export function invitesByLink(channel: string): boolean {
  return Object.hasOwn(INVITATION_CHANNELS, channel) && INVITATION_CHANNELS[channel].byLink;
}

/**
 * A link channel's recipient on the contact, sealed, with the blind index it is kept under: the
 * e-mail for an e-mail, the phone for an SMS or WhatsApp's template. A contact reported by phone
 * or e-mail alone has its customer's identity on that channel under this index.
 */
export function recipientOf(contact: Pick<ContactEntity, 'phoneSealed' | 'phoneIndex' | 'emailSealed' | 'emailIndex'>, channel: string): { sealed: Buffer | null; index: Buffer | null } {
  return channel === 'email' ? { sealed: contact.emailSealed, index: contact.emailIndex } : { sealed: contact.phoneSealed, index: contact.phoneIndex };
}

/** The platform refused delivery for good, or cannot write first to an address that never wrote. */
export function isUnreachable(identity: CustomerIdentityEntity): boolean {
  const needsReference = Object.hasOwn(INVITATION_CHANNELS, identity.channel) && INVITATION_CHANNELS[identity.channel].needsReference;
  return identity.unreachableAt !== null || (needsReference && !identity.reference);
}

/**
 * The messenger channels a campaign can invite on now, and those of them that need a stored
 * reference to write first. Campaigns invite customers on the messengers they used; a
 * campaign by SMS is not offered.
 */
export function invitationChannelsOn(config: InvitationConfig): { on: string[]; needReference: string[] } {
  const on = Object.keys(INVITATION_CHANNELS).filter((name) => !INVITATION_CHANNELS[name].byLink && INVITATION_CHANNELS[name].isOn(config));
  return { on, needReference: on.filter((name) => INVITATION_CHANNELS[name].needsReference) };
}
