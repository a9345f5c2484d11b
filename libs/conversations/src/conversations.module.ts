import { Module } from '@nestjs/common';
import { PointsModule } from '@turbota/points';
import { StandardModule } from '@turbota/standard';
import { SurveyConfigModule } from '@turbota/survey-config';
import { ConversationService } from './conversation.service';
import { CustomerDirectory } from './customer-directory';
import { DialogueTextsProvider } from './dialogue-texts.provider';
import { EffectRecorder } from './effect-recorder';
import { OwnContactEcho } from './own-contact-echo';
import { SurveyPlanner } from './survey-planner';

/** Dialogues over the database, for every channel. */
@Module({
  imports: [SurveyConfigModule, StandardModule, PointsModule],
  providers: [ConversationService, CustomerDirectory, DialogueTextsProvider, EffectRecorder, OwnContactEcho, SurveyPlanner],
  exports: [ConversationService, CustomerDirectory, DialogueTextsProvider, SurveyPlanner],
})
export class ConversationsModule {}
