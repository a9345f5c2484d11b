import type { AppConfig } from '@turbota/config';
import type { ChannelAdapter } from './channel-adapter';
import { TelegramAdapter } from './telegram/telegram.adapter';

/** How each messenger channel is made from the configuration; absent credentials leave it off. */
const ADAPTER_FACTORIES: ((config: AppConfig) => ChannelAdapter | null)[] = [
  (config) => config.channels.telegram && new TelegramAdapter({ ...config.channels.telegram, defaultLocale: config.defaultLocale }),
];

/** The adapters of the channels that are on, by name. */
export function channelAdapters(config: AppConfig): Map<string, ChannelAdapter> {
  const adapters = ADAPTER_FACTORIES.map((make) => make(config)).filter((a): a is ChannelAdapter => a !== null);
  return new Map(adapters.map((a) => [a.channel, a]));
}
