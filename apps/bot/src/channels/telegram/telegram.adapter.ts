import { Api, GrammyError, HttpError, InlineKeyboard } from 'grammy';
import type { Update } from 'grammy/types';
import { type Locale, sameSecret } from '@turbota/common';
import type { TelegramConfig } from '@turbota/config';
import type { ChannelAdapter, ChannelEvent, OutboundMessage, WebhookRequest } from '../channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../send-errors';
import { fittedReceipt, renderPrompt } from './telegram-render';
import { eventsOfUpdate } from './telegram-update';

/** The channel's configuration (its mode says whether updates come by webhook or by polling) and the fallback language. */
export type TelegramSettings = TelegramConfig & { defaultLocale: Locale };

/**
 * Telegram through its Bot API (grammy's client): in webhook mode on a webhook checked by its
 * secret token; in polling mode `TelegramPoller` fetches the updates and no webhook is taken.
 */
export class TelegramAdapter implements ChannelAdapter {
  readonly channel = 'telegram';
  // Telegram: about 30 messages a second per bot, one a second into one chat.
  readonly limits = { perSecond: 30, perChatIntervalMs: 1000 };
  /** Sets the webhook; absent in polling mode, where a webhook would stop `getUpdates`. */
  readonly register?: (publicUrl: string) => Promise<void>;
  private readonly api: Api;

  constructor(private readonly settings: TelegramSettings) {
    // Well inside the outbox lease, so a hung call never lets two processes send one message.
    this.api = new Api(settings.botToken, { apiRoot: settings.apiRoot, timeoutSeconds: 10 });
    if (settings.mode === 'webhook') this.register = (publicUrl) => this.setWebhook(publicUrl, settings.webhookSecret);
  }

  /** In polling mode nothing is posted by Telegram, so every request is refused. */
  verify(request: WebhookRequest): boolean {
    const given = request.headers['x-telegram-bot-api-secret-token'];
    return this.settings.mode === 'webhook' && typeof given === 'string' && sameSecret(given, this.settings.webhookSecret);
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

  private async setWebhook(publicUrl: string, secret: string): Promise<void> {
    await this.api.setWebhook(`${publicUrl}/webhooks/telegram`, { secret_token: secret, allowed_updates: [...TELEGRAM_UPDATES] });
  }
}

/** The kinds of update Turbota reads, by webhook or by polling alike. */
export const TELEGRAM_UPDATES = ['message', 'callback_query'] as const;

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
