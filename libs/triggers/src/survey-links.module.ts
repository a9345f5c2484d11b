import { Module } from '@nestjs/common';
import { ConversationsModule } from '@turbota/conversations';
import { SurveyLinks } from './survey-links';

/** Personal survey links, for the invitations that issue them and the web chat and messengers that open them. */
@Module({
  imports: [ConversationsModule],
  providers: [SurveyLinks],
  exports: [SurveyLinks],
})
export class SurveyLinksModule {}
