import { Module } from '@nestjs/common';
import { ChannelStatusReporter } from './channels/channel-status';
import { WebChatModule } from './channels/web-chat/web-chat.module';

/** The channel edge: webhooks, the web chat, the dialogue runner and the outbox sender. */
@Module({ imports: [WebChatModule], providers: [ChannelStatusReporter] })
export class BotModule {}
