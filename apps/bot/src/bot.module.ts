import { Module } from '@nestjs/common';
import { IncidentsModule } from '@turbota/incidents';
import { ChannelsModule } from './channels/channels.module';
import { WebChatModule } from './channels/web-chat/web-chat.module';
import { SupervisorsModule } from './supervisors/supervisors.module';

/** The channel edge: webhooks, the web chat, the dialogue runner (whose complaints with contacts become incidents) and the outbox sender. */
@Module({ imports: [ChannelsModule, WebChatModule, IncidentsModule, SupervisorsModule] })
export class BotModule {}
