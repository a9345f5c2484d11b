import { Module } from '@nestjs/common';
import { AuthModule } from '@turbota/auth';
import { ConversationsModule } from '@turbota/conversations';
import { SurveyConfigModule } from '@turbota/survey-config';
import { TriggersModule } from '@turbota/triggers';
import { PointsModule } from '@turbota/points';
import { StandardModule } from '@turbota/standard';
import { ReportsModule } from '@turbota/reports';
import { ConsoleModule } from './console/console.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { AuditApiModule } from './audit/audit-api.module';
import { CampaignEstimator } from './campaigns/campaign-estimate';
import { CampaignsController } from './campaigns/campaigns.controller';
import { ContactsController } from './contacts/contacts.controller';
import { CustomersController } from './customers/customers.controller';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { DeliveriesService } from './deliveries/deliveries.service';
import { ContactsImportController } from './imports/contacts-import.controller';
import { ResponsesImportController } from './imports/responses-import.controller';
import { ResponsesImportService } from './imports/responses-import.service';
import { IncidentsApiModule } from './incidents/incidents-api.module';
import { LiveApiModule } from './live/live-api.module';
import { PeopleApiModule } from './people/people-api.module';
import { PointsController } from './points/points.controller';
import { PrivacyApiModule } from './privacy/privacy-api.module';
import { QuestionPoolsController } from './question-pools/question-pools.controller';
import { QuestionPreviewController } from './question-pools/question-preview.controller';
import { QuestionPreviewService } from './question-pools/question-preview.service';
import { ReportsController } from './reports/reports.controller';
import { ResponsesController } from './responses/responses.controller';
import { ResponsesService } from './responses/responses.service';
import { StandardController } from './standard/standard.controller';
import { SurveyPoliciesController } from './survey-policies/survey-policies.controller';

/** The REST API under `/api/v1` (and, as later features land, the dashboard and the workers). */
@Module({
  imports: [AuthModule, SurveyConfigModule, TriggersModule, PointsModule, IncidentsApiModule, StandardModule, ReportsModule, DashboardModule, ConsoleModule, PrivacyApiModule, PeopleApiModule, LiveApiModule, ConversationsModule, AuditApiModule],
  controllers: [ApiKeysController, QuestionPoolsController, SurveyPoliciesController, ResponsesController, DeliveriesController, ContactsController, CustomersController, PointsController, StandardController, ReportsController, ResponsesImportController, ContactsImportController, CampaignsController, QuestionPreviewController],
  providers: [ResponsesService, DeliveriesService, ResponsesImportService, CampaignEstimator, QuestionPreviewService],
})
export class ApiModule {}
