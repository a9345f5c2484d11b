import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import { Logger } from '@nestjs/common';
import type { Locale } from '@turbota/common';
import type { ChannelAdapter, ChannelEvent, OutboundMessage, WebhookRequest } from '../channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../send-errors';
import { eventsOfActivity } from './botframework-activity';
import { renderPrompt } from './botframework-render';
import { type HostLookup, ServiceUrlPolicy } from './botframework-service-url';

export interface BotFrameworkSettings {
  /** Absent: anonymous, as the Bot Framework Emulator expects (only when explicitly allowed). */
  appId?: string;
  appPassword?: string;
  defaultLocale: Locale;
  /** Origins replies may go to besides Microsoft's Bot Connector hosts (BOTFRAMEWORK_SERVICE_URLS). */
  serviceUrls: readonly string[];
  /** How host names are resolved before a send; the system resolver unless a test replaces it. */
  lookup?: HostLookup;
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
  private readonly serviceUrls: ServiceUrlPolicy;
  private readonly logger = new Logger('BotFramework');

  constructor(private readonly settings: BotFrameworkSettings) {
    this.serviceUrls = new ServiceUrlPolicy(settings.serviceUrls, settings.lookup);
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
    return eventsOfActivity(body, { defaultLocale: this.settings.defaultLocale, serviceUrls: this.serviceUrls });
  }

  acknowledgement(): unknown {
    return {};
  }

  async send(message: OutboundMessage): Promise<{ platformMessageId?: string }> {
    // Suggested actions vanish once answered; a Teams card stays, as a record of the question.
    if (message.body.kind === 'receipt') return {};
    const reference = message.reference as Partial<ConversationReference> | undefined;
    // A reference stored before service URLs were checked, or a host that now resolves inside: never written to.
    const refusal = await this.serviceUrls.refusalBeforeSending(reference?.serviceUrl);
    if (refusal) {
      this.logger.warn(`A reply was not sent: the conversation's ${refusal}`);
      throw new RecipientUnreachableError(refusal);
    }
    const activity = renderPrompt(message.body, reference?.channelId);
    let id: string | undefined;
    try {
      await this.cloud.continueConversationAsync(this.settings.appId ?? '', reference as ConversationReference, async (context) => {
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
