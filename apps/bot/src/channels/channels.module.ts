import { Module } from '@nestjs/common';
import { RETRY_RANDOM, type RandomSource } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { ConversationsModule, DialogueTextsProvider } from '@turbota/conversations';
import { PiiCipher } from '@turbota/privacy';
import { InboundQueueRepository } from '../inbound/inbound-queue.repository';
import { InboundQueueWorker } from '../inbound/inbound-queue.worker';
import { DeliveryReceipts } from '../outbox/delivery-receipts';
import { OutboxRepository } from '../outbox/outbox.repository';
import { OutboxSender } from '../outbox/outbox-sender';
import { SenderLeaseRepository } from '../outbox/sender-lease.repository';
import { CHANNEL_ADAPTERS } from './channel-adapter';
import { channelAdapters } from './channel-registry';
import { ChannelStatusReporter } from './channel-status';
import { BotFrameworkController } from './botframework/botframework.controller';
import { MessengerController } from './messenger/messenger.controller';
import { SLACK_APP, type SlackApp, slackAppOf } from './slack/slack-app';
import { SlackController } from './slack/slack.controller';
import { SlackRouter } from './slack/slack-router';
import { SlackSocketMode } from './slack/slack-socket';
import { TelegramController } from './telegram/telegram.controller';
import { TelegramPoller } from './telegram/telegram-poller';
import { ViberController } from './viber/viber.controller';
import { WhatsappController } from './whatsapp/whatsapp.controller';
import { WebhookIngress } from './webhook-ingress';
import { WebhookRegistration } from './webhook-registration';

/** The messenger channels: their webhooks in, the outbox out. */
@Module({
  imports: [ConversationsModule],
  controllers: [TelegramController, ViberController, MessengerController, WhatsappController, BotFrameworkController, SlackController],
  providers: [
    { provide: SLACK_APP, inject: [APP_CONFIG], useFactory: slackAppOf },
    {
      provide: CHANNEL_ADAPTERS,
      inject: [APP_CONFIG, DialogueTextsProvider, SLACK_APP, PiiCipher],
      useFactory: async (config: AppConfig, texts: DialogueTextsProvider, slack: SlackApp | null, cipher: PiiCipher) =>
        channelAdapters({ config, textsFor: (locale) => texts.for(locale), slack, cipher }),
    },
    // WhatsApp's invitation template, for the invitation sender: null unless WhatsApp and WHATSAPP_INVITATION_TEMPLATE are set.
    WebhookIngress,
    SlackRouter,
    {
      // Telegram in polling mode: the bot process fetches the updates (no webhook to register).
      provide: TelegramPoller,
      inject: [APP_CONFIG, WebhookIngress, SenderLeaseRepository, RETRY_RANDOM],
      useFactory: (config: AppConfig, ingress: WebhookIngress, leaseStore: SenderLeaseRepository, random: RandomSource) => {
        const telegram = config.channels.telegram;
        return telegram?.mode === 'polling' ? new TelegramPoller({ ...telegram, sink: ingress, leaseStore, random }) : null;
      },
    },
    {
      // Slack in Socket Mode: the bot process opens the WebSocket, the same app routes what it brings.
      provide: SlackSocketMode,
      inject: [APP_CONFIG, SlackRouter, SenderLeaseRepository, RETRY_RANDOM],
      useFactory: (config: AppConfig, router: SlackRouter, leaseStore: SenderLeaseRepository, random: RandomSource) => {
        const slack = config.channels.slack;
        return slack?.appToken ? new SlackSocketMode({ appToken: slack.appToken, apiUrl: slack.apiUrl, sink: router, leaseStore, random }) : null;
      },
    },
    InboundQueueRepository,
    InboundQueueWorker,
    WebhookRegistration,
    ChannelStatusReporter,
    OutboxRepository,
    OutboxSender,
    SenderLeaseRepository,
    DeliveryReceipts,
  ],
  exports: [CHANNEL_ADAPTERS, SLACK_APP, OutboxSender, DeliveryReceipts],
})
export class ChannelsModule {}
