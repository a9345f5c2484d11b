import { Module } from '@nestjs/common';
import { ConversationsModule } from '@turbota/conversations';
import { WebChatEvents } from './web-chat-events';
import { WebChatPage } from './web-chat-page';
import { WebChatController } from './web-chat.controller';
import { WebChatService } from './web-chat.service';

/** The web chat channel: needs no credentials, so it is always on. */
@Module({
  imports: [ConversationsModule],
  controllers: [WebChatController],
  providers: [WebChatService, WebChatPage, WebChatEvents],
})
export class WebChatModule {}
