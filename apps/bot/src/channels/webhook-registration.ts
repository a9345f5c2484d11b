import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { CHANNEL_ADAPTERS, type ChannelAdapters } from './channel-adapter';

/** Tells each platform where its webhook is, when PUBLIC_URL says where Turbota is reachable. */
@Injectable()
export class WebhookRegistration implements OnApplicationBootstrap {
  private readonly logger = new Logger('Channels');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { publicUrl } = this.config;
    if (!publicUrl) return;
    for (const adapter of this.adapters.values()) {
      // An adapter that takes no webhook has no `register`: Telegram in polling mode, whose
      // poller deletes any webhook instead (a webhook set would stop its getUpdates).
      if (!adapter.register) continue;
      try {
        if ((await adapter.register(publicUrl)) !== false) this.logger.log(`${adapter.channel} webhook registered at ${publicUrl}`);
      } catch (error) {
        // A platform that is down must not keep Turbota from starting; the webhook can be set later.
        this.logger.error(`${adapter.channel} webhook could not be registered: ${(error as Error).message}`);
      }
    }
  }
}
