import { Module } from '@nestjs/common';
import { ChannelStatusReporter } from './channels/channel-status';

/** The channel edge: webhooks, the web chat, the dialogue runner and the outbox sender. */
@Module({ providers: [ChannelStatusReporter] })
export class BotModule {}
