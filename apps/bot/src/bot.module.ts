import { Module } from '@nestjs/common';
import { ChannelsModule } from './channels/channels.module';
import { WebChatModule } from './channels/web-chat/web-chat.module';

/** The channel edge: webhooks, the web chat, the dialogue runner and the outbox sender. */
@Module({ imports: [ChannelsModule, WebChatModule] })
export class BotModule {}
