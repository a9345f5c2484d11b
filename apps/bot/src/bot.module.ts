import { Module } from '@nestjs/common';
import { IncidentsModule } from '@turbota/incidents';
import { ChannelsModule } from './channels/channels.module';
import { WebChatModule } from './channels/web-chat/web-chat.module';
import { InvitationsModule } from './invitations/invitations.module';
import { SupervisorsModule } from './supervisors/supervisors.module';

/**
 * The channel edge: webhooks, the web chat, the dialogue runner (whose complaints with contacts
 * become incidents), the outbox sender, and the SMS that carry survey links.
 */
@Module({ imports: [ChannelsModule, WebChatModule, IncidentsModule, SupervisorsModule, InvitationsModule] })
export class BotModule {}
