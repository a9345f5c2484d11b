import type { ChannelsConfig } from '@turbota/config';
import { CHANNEL_LIMITS, type DeliverabilityCheck } from '@turbota/dialogue';
import { messengerOverflows } from './messenger/messenger-render';
import { slackOverflows } from './slack/slack-render';
import { telegramOverflows } from './telegram/telegram-render';
import { viberOverflows } from './viber/viber-render';
import { whatsappOverflows } from './whatsapp/whatsapp-render';

/** One channel's check of a prompt against its limits, and the name people know the channel by. */
export interface ChannelDeliverability {
  channel: string;
  title: string;
  check: DeliverabilityCheck;
}

/**
 * Each messenger's check, through its own renderer, so that it measures what is sent. Bot
 * Framework and the web chat take far longer texts than a pool holds: nothing to check.
 */
const CHECKS: Partial<Record<keyof ChannelsConfig, DeliverabilityCheck>> = {
  telegram: telegramOverflows,
  viber: viberOverflows,
  slack: slackOverflows,
  messenger: messengerOverflows,
  whatsapp: whatsappOverflows,
};

/** The checks of the channels the configuration turns on (their credentials are set). */
export function deliverabilityChecks(channels: ChannelsConfig): ChannelDeliverability[] {
  return (Object.keys(CHECKS) as (keyof ChannelsConfig)[])
    .filter((channel) => channels[channel] !== null)
    .map((channel) => ({ channel, title: CHANNEL_LIMITS[channel].title, check: CHECKS[channel]! }));
}
