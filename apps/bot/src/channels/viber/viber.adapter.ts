import { createHmac } from 'node:crypto';
import { type Locale, pickLocale, sameSecret } from '@turbota/common';
import type { DialogueTexts } from '@turbota/dialogue';
import type { ChannelAdapter, ChannelEvent, OutboundMessage, WebhookRequest } from '../channel-adapter';
import { isStartPayload, startCommand } from '../channel-grammar';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../send-errors';
import { eventsOfCallback, type ViberCallback } from './viber-callback';
import { renderPrompt, replyButton } from './viber-render';

export interface ViberSettings {
  authToken: string;
  apiUrl: string;
  senderName: string;
  defaultLocale: Locale;
  textsFor: (locale: Locale) => DialogueTexts;
}

/** Viber's REST bot API with plain fetch (its npm SDK is unmaintained); callbacks signed with the token. */
export class ViberAdapter implements ChannelAdapter {
  readonly channel = 'viber';
  // Viber publishes no hard rate; stay well under what it tolerates, one chat at a time in order.
  readonly limits = { perSecond: 25, perChatIntervalMs: 0 };

  constructor(private readonly settings: ViberSettings) {}

  /** `X-Viber-Content-Signature`: hex HMAC-SHA256 of the raw body, keyed with the auth token. */
  verify(request: WebhookRequest): boolean {
    const given = request.headers['x-viber-content-signature'];
    if (typeof given !== 'string' || !/^[0-9a-f]{64}$/i.test(given) || !request.rawBody) return false;
    const expected = createHmac('sha256', this.settings.authToken).update(request.rawBody).digest('hex');
    return sameSecret(given.toLowerCase(), expected);
  }

  parse(body: unknown, rawBody?: Buffer): ChannelEvent[] {
    return eventsOfCallback(body, rawBody?.toString('utf8') ?? '', this.settings.defaultLocale);
  }

  /**
   * A customer who opens the chat is not subscribed yet, so the bot may not write first: the
   * welcome goes in the response to `conversation_started`, with a button that starts the survey.
   */
  acknowledgement(body: unknown): unknown {
    const callback = body as Partial<ViberCallback>;
    if (callback.event !== 'conversation_started' || !callback.user) return {};
    const locale = pickLocale([callback.user.language], this.settings.defaultLocale);
    const texts = this.settings.textsFor(locale);
    // A deep link's context (a point's code, a survey link's token) rides on the start button.
    const payload = isStartPayload(callback.context) ? callback.context : undefined;
    return {
      sender: { name: this.settings.senderName },
      type: 'text',
      text: texts.greeting[0],
      keyboard: { Type: 'keyboard', DefaultHeight: false, Buttons: [replyButton(texts.startButton, startCommand(payload))] },
    };
  }

  async send(message: OutboundMessage): Promise<{ platformMessageId?: string }> {
    // Viber cannot edit a sent message; the answer shows in the chat as the customer's reply.
    if (message.body.kind === 'receipt') return {};
    const token = await this.call('send_message', { receiver: message.address, sender: { name: this.settings.senderName }, ...renderPrompt(message.body) });
    return { platformMessageId: token };
  }

  async register(publicUrl: string): Promise<void> {
    await this.call('set_webhook', {
      url: `${publicUrl}/webhooks/viber`,
      event_types: ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'],
      send_name: true,
      send_photo: false,
    });
  }

  /** One API call; answers the message token, or throws what the outbox should do. */
  private async call(method: string, body: Record<string, unknown>): Promise<string | undefined> {
    let response: Response;
    try {
      response = await fetch(`${this.settings.apiUrl.replace(/\/?$/, '/')}${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Viber-Auth-Token': this.settings.authToken },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new TemporarySendError(`network: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) throw response.status === 429 ? new RateLimitedError(1, `${method}: HTTP 429`) : new TemporarySendError(`${method}: HTTP ${response.status}`);
    const status = Number(/"status"\s*:\s*(\d+)/.exec(text)?.[1] ?? NaN);
    if (status === 0) return /"message_token"\s*:\s*(\d{1,20})/.exec(text)?.[1];
    throw viberError(status, `${method}: status ${status} ${/"status_message"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? ''}`.trim());
  }
}

/** Viber's status codes (https://developers.viber.com/docs/api/rest-bot-api/#error-codes), by what to do. */
export function viberError(status: number, detail: string): Error {
  if (status === 2 || status === 8 || status === 9) return new BadCredentialsError(detail);
  if (status === 5 || status === 6 || status === 7 || status === 11) return new RecipientUnreachableError(detail);
  if (status === 12) return new RateLimitedError(1, detail);
  if (status === 3 || status === 4 || status === 13 || status === 14) return new RejectedMessageError(detail);
  return new TemporarySendError(detail);
}
