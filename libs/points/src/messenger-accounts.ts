import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, UpstreamError } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';

const TIMEOUT_MS = 10_000;

/**
 * What a deep link needs from a messenger: the bot's public name there, asked from the
 * platform itself (Telegram `getMe`, Viber `get_account_info`, the Graph API's Page `username`)
 * so it can never disagree with the configured token, and remembered once known.
 */
@Injectable()
export class MessengerAccounts {
  private readonly known = new Map<string, Promise<string>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The bot's username, as in `t.me/<username>`. */
  telegramUsername(): Promise<string> {
    const telegram = this.config.channels.telegram;
    if (!telegram) throw new ConflictError('The Telegram channel is off: set TELEGRAM_BOT_TOKEN to make its QR code');
    return this.remember('Telegram', async () => {
      const answer = await post(`${telegram.apiRoot.replace(/\/+$/, '')}/bot${telegram.botToken}/getMe`, {});
      return (answer as { result?: { username?: string } }).result?.username;
    });
  }

  /** The bot account's URI, as in `viber://pa?chatURI=<uri>`. */
  viberChatUri(): Promise<string> {
    const viber = this.config.channels.viber;
    if (!viber) throw new ConflictError('The Viber channel is off: set VIBER_AUTH_TOKEN to make its QR code');
    return this.remember('Viber', async () => {
      const answer = await post(`${viber.apiUrl.replace(/\/?$/, '/')}get_account_info`, { 'X-Viber-Auth-Token': viber.authToken });
      return (answer as { status?: number; uri?: string }).status === 0 ? (answer as { uri?: string }).uri : undefined;
    });
  }

  /** The Facebook Page's username, as in `m.me/<username>`, asked with the Page's token. */
  messengerPageUsername(): Promise<string> {
    const messenger = this.config.channels.messenger;
    if (!messenger) throw new ConflictError('The Messenger channel is off: set MESSENGER_PAGE_ACCESS_TOKEN to link to it');
    return this.remember('Messenger', async () => {
      const answer = await get(`${messenger.apiUrl.replace(/\/+$/, '')}/me?fields=username`, { Authorization: `Bearer ${messenger.pageAccessToken}` });
      return (answer as { username?: string }).username;
    });
  }

  /** A failed lookup is not remembered: the next QR code asks again. */
  private remember(platform: string, lookUp: () => Promise<string | undefined>): Promise<string> {
    const cached = this.known.get(platform);
    if (cached) return cached;
    const lookup = lookUp().then(
      (name) => {
        if (!name) throw new UpstreamError(`${platform} did not tell the bot's public name; check its credentials`);
        return name;
      },
      (error: unknown) => {
        throw new UpstreamError(`${platform} could not be asked for the bot's public name: ${(error as Error).message}`);
      },
    );
    this.known.set(platform, lookup);
    lookup.catch(() => this.known.delete(platform));
    return lookup;
  }
}

async function get(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
  return response.json();
}

async function post(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}', signal: AbortSignal.timeout(TIMEOUT_MS) });
  return response.json();
}
