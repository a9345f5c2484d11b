import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@turbota/config';

/** What turns each credentialed channel on, for the one start-up line per channel that is off. */
const CHANNEL_CREDENTIALS: { name: keyof AppConfig['channels']; variables: string[]; isOn: (c: AppConfig) => boolean }[] = [
  { name: 'telegram', variables: ['TELEGRAM_BOT_TOKEN'], isOn: (c) => c.channels.telegram !== null },
  { name: 'slack', variables: ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'], isOn: (c) => c.channels.slack !== null },
  { name: 'viber', variables: ['VIBER_AUTH_TOKEN'], isOn: (c) => c.channels.viber !== null },
  {
    name: 'messenger',
    variables: ['MESSENGER_PAGE_ACCESS_TOKEN', 'MESSENGER_APP_SECRET', 'MESSENGER_VERIFY_TOKEN'],
    isOn: (c) => c.channels.messenger !== null,
  },
  {
    name: 'whatsapp',
    variables: ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'],
    isOn: (c) => c.channels.whatsapp !== null,
  },
  {
    name: 'botframework',
    variables: ['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD'],
    isOn: (c) => c.channels.botframework !== null,
  },
];

/** Says at start-up, one line each, which channels are off and what would turn them on. */
@Injectable()
export class ChannelStatusReporter implements OnApplicationBootstrap {
  private readonly logger = new Logger('Channels');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    for (const channel of CHANNEL_CREDENTIALS) {
      if (!channel.isOn(this.config)) {
        this.logger.log(`${channel.name} channel is off: set ${listed(channel.variables)} to turn it on`);
      }
    }
  }
}

/** `A`, `A and B`, `A, B and C`. */
function listed(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names.join('');
}
