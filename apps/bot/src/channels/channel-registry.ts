import type { Locale } from '@turbota/common';
import type { AppConfig } from '@turbota/config';
import type { DialogueTexts } from '@turbota/dialogue';
import type { PiiCipher } from '@turbota/privacy';
import type { ChannelAdapter } from './channel-adapter';
import { MessengerAdapter } from './messenger/messenger.adapter';
import type { SlackApp } from './slack/slack-app';
import { SlackAdapter } from './slack/slack.adapter';
import { TelegramAdapter } from './telegram/telegram.adapter';
import { ViberAdapter } from './viber/viber.adapter';
import { WhatsappAdapter } from './whatsapp/whatsapp.adapter';

/** What an adapter may be made from. */
interface AdapterDeps {
  config: AppConfig;
  textsFor: (locale: Locale) => DialogueTexts;
  /** The process's Bolt app, when Slack is on. */
  slack: SlackApp | null;
  /** Seals and indexes what a channel's addresses must not show (WhatsApp's are phone numbers). */
  cipher: PiiCipher;
}

/**
 * How each messenger channel is made from the configuration; absent credentials leave it off.
 * botbuilder (with the Azure SDK under it, nine hundred modules and half a second) is loaded
 * only when Bot Framework is on.
 */
const ADAPTER_FACTORIES: ((deps: AdapterDeps) => ChannelAdapter | null | Promise<ChannelAdapter | null>)[] = [
  ({ config }) => config.channels.telegram && new TelegramAdapter({ ...config.channels.telegram, defaultLocale: config.defaultLocale }),
  ({ config, textsFor }) => config.channels.viber && new ViberAdapter({ ...config.channels.viber, defaultLocale: config.defaultLocale, textsFor }),
  ({ config }) => config.channels.messenger && new MessengerAdapter({ ...config.channels.messenger, defaultLocale: config.defaultLocale }),
  ({ config, textsFor, cipher }) => config.channels.whatsapp && new WhatsappAdapter({ ...config.channels.whatsapp, defaultLocale: config.defaultLocale, textsFor, cipher }),
  ({ config, slack }) => config.channels.slack && slack && new SlackAdapter({ app: slack, signingSecret: config.channels.slack.signingSecret, defaultLocale: config.defaultLocale }),
  async ({ config }) => {
    const botframework = config.channels.botframework;
    if (!botframework) return null;
    const { BotFrameworkAdapter } = await import('./botframework/botframework.adapter.js');
    return new BotFrameworkAdapter({ ...('appId' in botframework ? botframework : {}), serviceUrls: botframework.serviceUrls, defaultLocale: config.defaultLocale });
  },
];

/** The adapters of the channels that are on, by name. */
export async function channelAdapters(deps: AdapterDeps): Promise<Map<string, ChannelAdapter>> {
  const adapters = (await Promise.all(ADAPTER_FACTORIES.map(async (make) => make(deps)))).filter((a): a is ChannelAdapter => a !== null);
  return new Map(adapters.map((a) => [a.channel, a]));
}
