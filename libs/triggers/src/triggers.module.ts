import { Module } from '@nestjs/common';
import { ConversationsModule } from '@turbota/conversations';
import { PointsModule } from '@turbota/points';
import { SurveyConfigModule } from '@turbota/survey-config';
import { CampaignSender } from './campaign-sender';
import { CampaignService } from './campaign.service';
import { ContactBatch } from './contact-batch';
import { ContactImportService } from './contact-import.service';
import { ContactService } from './contact.service';
import { CustomerErasureService } from './customer-erasure.service';
import { CustomerLinker } from './customer-linker';
import { InvitationCascade } from './invitation-cascade';
import { InvitationFollowUp } from './invitation-follow-up';
import { InvitationOpener } from './invitation-opener';
import { InvitationWorker } from './invitation-worker';
import { ReminderTexts } from './reminder-texts';
import { SurveyLinksModule } from './survey-links.module';

/** Post-contact triggers: who is invited, when and why not, and what follows an invitation. */
@Module({
  imports: [ConversationsModule, SurveyConfigModule, PointsModule, SurveyLinksModule],
  providers: [CampaignService, CampaignSender, ContactService, ContactBatch, ContactImportService, CustomerErasureService, CustomerLinker, InvitationCascade, InvitationOpener, InvitationFollowUp, InvitationWorker, ReminderTexts],
  exports: [CampaignService, ContactService, ContactImportService, CustomerErasureService, InvitationWorker],
})
export class TriggersModule {}
