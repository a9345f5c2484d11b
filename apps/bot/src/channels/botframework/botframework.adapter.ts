import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { Locale } from '@turbota/common';
import type { ChannelAdapter, ChannelEvent, OutboundMessage, WebhookRequest } from '../channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../send-errors';
import { eventsOfActivity } from './botframework-activity';
import { renderPrompt } from './botframework-render';

export interface BotFrameworkSettings {
  /** Absent: anonymous, as the Bot Framework Emulator expects (only when explicitly allowed). */
  appId?: string;
  appPassword?: string;
  defaultLocale: Locale;
}

/**
 * Microsoft Bot Framework (Teams, Azure Web Chat, the Emulator) through botbuilder's
 * CloudAdapter: JWT-checked activities on `/api/messages`, replies sent proactively to the
 * stored conversation reference. botbuilder stays inside this folder.
 */
export class BotFrameworkAdapter implements ChannelAdapter {
  readonly channel = 'botframework';
  // Teams allows about 7 messages a second into one conversation; stay under it.
  readonly limits = { perSecond: 30, perChatIntervalMs: 200 };
  private readonly auth: ConfigurationBotFrameworkAuthentication;
  private readonly cloud: CloudAdapter;

  constructor(private readonly settings: BotFrameworkSettings) {
    const credentials = new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: settings.appId, MicrosoftAppPassword: settings.appPassword });
    this.auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: settings.appId }, credentials);
    this.cloud = new CloudAdapter(this.auth);
  }

  /** The `Authorization` JWT of the activity (issuer, audience, service URL), unless anonymous. */
  async verify(request: WebhookRequest): Promise<boolean> {
    const header = request.headers.authorization;
    if (this.settings.appId && typeof header !== 'string') return false;
    try {
      await this.auth.authenticateRequest(request.body as Activity, typeof header === 'string' ? header : '');
      return true;
    } catch {
      return false;
    }
  }

  parse(body: unknown): ChannelEvent[] {
    return eventsOfActivity(body, this.settings.defaultLocale);
  }

  acknowledgement(): unknown {
    return {};
  }

  async send(message: OutboundMessage): Promise<{ platformMessageId?: string }> {
    // Suggested actions vanish once answered, so there is nothing to close.
    if (message.body.kind === 'receipt') return {};
    const activity = renderPrompt(message.body);
    let id: string | undefined;
    try {
      await this.cloud.continueConversationAsync(this.settings.appId ?? '', message.reference as ConversationReference, async (context) => {
        id = (await context.sendActivity(activity))?.id;
      });
    } catch (error) {
      throw sendErrorOf(error);
    }
    return { platformMessageId: id };
  }
}

/** What a connector failure means for the outbox. */
export function sendErrorOf(error: unknown): Error {
  const status = (error as { statusCode?: number }).statusCode;
  const detail = `${status ?? 'network'}: ${(error as Error).message?.slice(0, 200)}`;
  if (status === undefined) return new TemporarySendError(detail);
  if (status === 429) {
    const retryAfter = Number((error as { response?: { headers?: { get(name: string): string | undefined } } }).response?.headers?.get('retry-after'));
    return new RateLimitedError(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1, detail);
  }
  if (status === 401) return new BadCredentialsError(detail);
  if (status === 403 || status === 404) return new RecipientUnreachableError(detail);
  if (status >= 500) return new TemporarySendError(detail);
  return new RejectedMessageError(detail);
}
