import { Module } from '@nestjs/common';
import { ConversationsModule } from '@turbota/conversations';
import { PointsModule } from '@turbota/points';
import { SurveyLinksModule } from '@turbota/triggers';
import { KnownSessions } from './known-sessions';
import { WebChatEvents } from './web-chat-events';
import { WebChatLimits } from './web-chat-limits';
import { WebChatPage } from './web-chat-page';
import { WebChatController } from './web-chat.controller';
import { WebChatService } from './web-chat.service';

/** The web chat channel: needs no credentials, so it is always on. */
@Module({
  imports: [ConversationsModule, PointsModule, SurveyLinksModule],
  controllers: [WebChatController],
  providers: [WebChatService, WebChatPage, WebChatEvents, WebChatLimits, KnownSessions],
})
export class WebChatModule {}
