import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { ConversationsModule } from '@turbota/conversations';
import { OutboxRepository } from '../outbox/outbox.repository';
import { OutboxSender } from '../outbox/outbox-sender';
import { CHANNEL_ADAPTERS } from './channel-adapter';
import { channelAdapters } from './channel-registry';
import { ChannelStatusReporter } from './channel-status';
import { TelegramController } from './telegram/telegram.controller';
import { WebhookIngress } from './webhook-ingress';
import { WebhookRegistration } from './webhook-registration';

/** The messenger channels: their webhooks in, the outbox out. */
@Module({
  imports: [ConversationsModule],
  controllers: [TelegramController],
  providers: [
    { provide: CHANNEL_ADAPTERS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => channelAdapters(config) },
    WebhookIngress,
    WebhookRegistration,
    ChannelStatusReporter,
    OutboxRepository,
    OutboxSender,
  ],
  exports: [CHANNEL_ADAPTERS, OutboxSender],
})
export class ChannelsModule {}
