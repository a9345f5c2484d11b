import { Logger } from '@nestjs/common';
import type { Locale } from '@turbota/common';
import type { ChannelAdapter, ChannelEvent, OutboundMessage, WebhookRequest } from '../channel-adapter';
import { graphPost } from '../meta/graph-api';
import { hasHubSignature } from '../meta/meta-webhook';
import { TemporarySendError } from '../send-errors';
import { renderPrompt } from './messenger-render';
import { eventsOfWebhook } from './messenger-webhook';

export interface MessengerSettings {
  pageAccessToken: string;
  appSecret: string;
  apiUrl: string;
  defaultLocale: Locale;
}

/**
 * Facebook Messenger through Meta's Send API with plain fetch: webhooks signed with the app
 * secret (`X-Hub-Signature-256`), prompts as quick replies. The subscription handshake is the
 * controller's (`GET /webhooks/messenger`), with the verify token.
 */
export class MessengerAdapter implements ChannelAdapter {
  readonly channel = 'messenger';
  // Meta: 300 Send API calls a second per Page for text; too many into one thread are throttled too.
  readonly limits = { perSecond: 100, perChatIntervalMs: 0 };
  private readonly logger = new Logger('Channels');

  constructor(private readonly settings: MessengerSettings) {}

  verify(request: WebhookRequest): boolean {
    return hasHubSignature(request, this.settings.appSecret);
  }

  parse(body: unknown): ChannelEvent[] {
    return eventsOfWebhook(body, this.settings.defaultLocale);
  }

  /** Meta wants a quick 200 and reads nothing in it. */
  acknowledgement(): unknown {
    return {};
  }

  /**
   * One Send API call, as a response to the customer (`messaging_type: RESPONSE`): Messenger
   * takes it within 24 hours of their last message, and refuses it after (an invitation to
   * someone who last wrote days ago fails with that reason, see `graphSendError`).
   */
  async send(message: OutboundMessage): Promise<{ platformMessageId?: string }> {
    // Messenger cannot edit a sent message; the tapped quick reply's title shows as the customer's message.
    if (message.body.kind === 'receipt') return {};
    const sent = await graphPost<{ message_id?: unknown }>({
      apiUrl: this.settings.apiUrl,
      accessToken: this.settings.pageAccessToken,
      path: '/me/messages',
      body: { recipient: { id: message.address }, messaging_type: 'RESPONSE', message: renderPrompt(message.body) },
      what: 'send',
    });
    if (typeof sent.message_id !== 'string') throw new TemporarySendError('send: the answer has no message_id');
    return { platformMessageId: sent.message_id };
  }

  /**
   * Messenger's webhook is set in the Meta app's dashboard, not through an API the Page token
   * may call: registering says where to point it, and which fields to subscribe the Page to.
   */
  register(publicUrl: string): Promise<false> {
    this.logger.log(
      `messenger: set the Meta app's webhook callback URL to ${publicUrl}/webhooks/messenger with MESSENGER_VERIFY_TOKEN, and subscribe the Page to messages, messaging_postbacks, message_deliveries, message_reads and messaging_referrals`,
    );
    return Promise.resolve(false);
  }
}
