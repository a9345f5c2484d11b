import { Api, GrammyError, HttpError, InlineKeyboard } from 'grammy';
import type { Update } from 'grammy/types';
import { type Locale, sameSecret } from '@turbota/common';
import type { ChannelAdapter, ChannelEvent, OutboundMessage, WebhookRequest } from '../channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../send-errors';
import { fittedReceipt, renderPrompt } from './telegram-render';
import { eventsOfUpdate } from './telegram-update';

export interface TelegramSettings {
  botToken: string;
  webhookSecret: string;
  apiRoot: string;
  defaultLocale: Locale;
}

/** Telegram through its Bot API (grammy's client), on a webhook checked by its secret token. */
export class TelegramAdapter implements ChannelAdapter {
  readonly channel = 'telegram';
  // Telegram: about 30 messages a second per bot, one a second into one chat.
  readonly limits = { perSecond: 30, perChatIntervalMs: 1000 };
  private readonly api: Api;

  constructor(private readonly settings: TelegramSettings) {
    // Well inside the outbox lease, so a hung call never lets two processes send one message.
    this.api = new Api(settings.botToken, { apiRoot: settings.apiRoot, timeoutSeconds: 10 });
  }

  verify(request: WebhookRequest): boolean {
    const given = request.headers['x-telegram-bot-api-secret-token'];
    return typeof given === 'string' && sameSecret(given, this.settings.webhookSecret);
  }

  parse(body: unknown): ChannelEvent[] {
    return eventsOfUpdate(body, this.settings.defaultLocale);
  }

  /**
   * A button tap is answered in the webhook's own response, so the button stops spinning at
   * once; a stale tap with the quiet notice (a toast), and nothing else.
   */
  acknowledgement(body: unknown, outcome?: { notice?: string }): unknown {
    const tap = (body as Partial<Update>).callback_query;
    if (!tap) return {};
    return { method: 'answerCallbackQuery', callback_query_id: tap.id, ...(outcome?.notice ? { text: outcome.notice } : {}) };
  }

  async send(message: OutboundMessage): Promise<{ platformMessageId?: string }> {
    try {
      if (message.body.kind === 'receipt') {
        const text = fittedReceipt(message.body.text);
        // An empty inline keyboard takes the answered question's buttons away.
        await this.api.editMessageText(message.address, Number(message.body.replyTo), text, { reply_markup: new InlineKeyboard([]) });
        return {};
      }
      const { text, reply_markup } = renderPrompt(message.body);
      const sent = await this.api.sendMessage(message.address, text, { reply_markup });
      return { platformMessageId: String(sent.message_id) };
    } catch (error) {
      // Editing a message into the text it already has (a re-sent receipt) is done, not failed.
      if (error instanceof GrammyError && /message is not modified/i.test(error.description)) return {};
      throw sendErrorOf(error);
    }
  }

  async register(publicUrl: string): Promise<void> {
    await this.api.setWebhook(`${publicUrl}/webhooks/telegram`, {
      secret_token: this.settings.webhookSecret,
      allowed_updates: ['message', 'callback_query'],
    });
  }
}

/** What a Bot API failure means for the outbox. */
export function sendErrorOf(error: unknown): Error {
  if (error instanceof HttpError) return new TemporarySendError(`network: ${error.message}`);
  if (!(error instanceof GrammyError)) return error instanceof Error ? error : new Error(String(error));
  const detail = `${error.method}: ${error.error_code} ${error.description}`;
  if (error.error_code === 429) return new RateLimitedError(error.parameters.retry_after ?? 1, detail);
  if (error.error_code === 401 || error.error_code === 404) return new BadCredentialsError(detail);
  if (error.error_code === 403 || /chat not found|user is deactivated/i.test(error.description)) return new RecipientUnreachableError(detail);
  if (error.error_code >= 500) return new TemporarySendError(detail);
  return new RejectedMessageError(detail);
}
