import { Logger } from '@nestjs/common';
import type { Locale } from '@turbota/common';
import type { DialogueTexts } from '@turbota/dialogue';
import type { PiiCipher } from '@turbota/privacy';
import type { ChannelAdapter, ChannelEvent, OutboundMessage, WebhookRequest } from '../channel-adapter';
import { hasHubSignature } from '../meta/meta-webhook';
import { type CloudApiAccount, postMessage } from './whatsapp-cloud-api';
import { WhatsappRecipients } from './whatsapp-recipients';
import { renderPrompt } from './whatsapp-render';
import { eventsOfWebhook } from './whatsapp-webhook';

export interface WhatsappSettings extends CloudApiAccount {
  appSecret: string;
  defaultLocale: Locale;
  textsFor: (locale: Locale) => DialogueTexts;
  /** Seals the customers' numbers and indexes their addresses: a `wa_id` is a phone number. */
  cipher: PiiCipher;
}

/**
 * WhatsApp through Meta's Cloud API with plain fetch: webhooks signed with the app secret
 * (`X-Hub-Signature-256`), prompts as reply buttons or a list. A customer is known by their
 * number's blind index; the number itself is kept sealed in the identity's reference and opened
 * only to send. The subscription handshake is the controller's (`GET /webhooks/whatsapp`).
 */
export class WhatsappAdapter implements ChannelAdapter {
  readonly channel = 'whatsapp';
  // Cloud API: 80 messages a second per business number by default (inbound ones count too); one customer takes bursts, and 131056 is waited out.
  readonly limits = { perSecond: 40, perChatIntervalMs: 0 };
  private readonly logger = new Logger('Channels');
  private readonly recipients: WhatsappRecipients;

  constructor(private readonly settings: WhatsappSettings) {
    this.recipients = new WhatsappRecipients(settings.cipher);
  }

  verify(request: WebhookRequest): boolean {
    return hasHubSignature(request, this.settings.appSecret);
  }

  parse(body: unknown): ChannelEvent[] {
    return eventsOfWebhook(body, { phoneNumberId: this.settings.phoneNumberId, defaultLocale: this.settings.defaultLocale, recipients: this.recipients });
  }

  /** Meta wants a quick 200 and reads nothing in it. */
  acknowledgement(): unknown {
    return {};
  }

  /**
   * One `messages` call to the number opened from the identity's reference. Outside the 24 hours
   * after the customer's last message WhatsApp takes only templates, and refuses this (131047,
   * see `graphSendError`): an invitation goes as the template of `WhatsappInvitations`.
   */
  async send(message: OutboundMessage): Promise<{ platformMessageId?: string }> {
    // WhatsApp cannot edit a sent message; the tapped button's title shows as the customer's reply.
    if (message.body.kind === 'receipt') return {};
    const to = this.recipients.numberOf(message.reference);
    const words = this.settings.textsFor(message.locale ?? this.settings.defaultLocale);
    return { platformMessageId: await postMessage(this.settings, to, renderPrompt(message.body, words), 'send') };
  }

  /**
   * WhatsApp's webhook is set in the Meta app's dashboard, not through an API the token may call:
   * registering says where to point it, and which field to subscribe to.
   */
  register(publicUrl: string): Promise<false> {
    this.logger.log(`whatsapp: set the Meta app's WhatsApp webhook callback URL to ${publicUrl}/webhooks/whatsapp with WHATSAPP_VERIFY_TOKEN, and subscribe it to the messages field`);
    return Promise.resolve(false);
  }
}
