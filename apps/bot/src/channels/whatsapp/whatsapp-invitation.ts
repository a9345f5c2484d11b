import type { Locale } from '@turbota/common';
import type { AppConfig } from '@turbota/config';
import { type CloudApiAccount, postMessage } from './whatsapp-cloud-api';

/** The `WhatsappInvitations` of the installation, or null when WhatsApp or its template is not configured. */
export const WHATSAPP_INVITATIONS = Symbol('WHATSAPP_INVITATIONS');

/** One invitation to send. */
export interface WhatsappInvitation {
  /** The customer's number in E.164, with its `+`. */
  to: string;
  /** The language of the template to send: the contact's. */
  locale: Locale;
  /** The survey link's token, which the template's quick-reply button sends back to open the survey. */
  token: string;
}

/**
 * The template's language code for each of Turbota's languages: the template must be approved
 * in each one under these codes.
 */
const TEMPLATE_LANGUAGES: Record<Locale, string> = { uk: 'uk', ru: 'ru', en: 'en' };

/**
 * Invites a customer on WhatsApp, where nothing else may open a conversation: the approved
 * template `WHATSAPP_INVITATION_TEMPLATE` in the contact's language, whose one quick-reply
 * button carries the survey link's token as its payload. The customer's tap comes back to the
 * webhook as a `button` message with that payload and opens the contact's survey, as a Telegram
 * deep link does; from then on the 24-hour window is open.
 *
 * The template's body takes no parameter: Meta refuses an empty one, a neutral way to address a
 * customer without a name is gendered in Ukrainian and Russian, and one fixed body per language
 * serves every contact (the name need not travel to Meta in it).
 */
export class WhatsappInvitations {
  constructor(private readonly account: CloudApiAccount & { template: string }) {}

  /** Sends the template; answers the message id the statuses will report on, or throws the `ChannelSendError` saying what to do. */
  async send(invitation: WhatsappInvitation): Promise<{ providerMessageId: string }> {
    const template = {
      name: this.account.template,
      language: { code: TEMPLATE_LANGUAGES[invitation.locale] },
      components: [{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: invitation.token }] }],
    };
    return { providerMessageId: await postMessage(this.account, invitation.to, { type: 'template', template }, 'invitation') };
  }
}

/** What the channels module provides under {@link WHATSAPP_INVITATIONS}. */
export function whatsappInvitationsOf(config: AppConfig): WhatsappInvitations | null {
  const whatsapp = config.channels.whatsapp;
  if (!whatsapp?.invitationTemplate) return null;
  return new WhatsappInvitations({ apiUrl: whatsapp.apiUrl, accessToken: whatsapp.accessToken, phoneNumberId: whatsapp.phoneNumberId, template: whatsapp.invitationTemplate });
}
