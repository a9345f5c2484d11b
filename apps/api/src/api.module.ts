import { Module } from '@nestjs/common';
import { AuthModule } from '@turbota/auth';
import { SurveyConfigModule } from '@turbota/survey-config';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { DeliveriesService } from './deliveries/deliveries.service';
import { QuestionPoolsController } from './question-pools/question-pools.controller';
import { ResponsesController } from './responses/responses.controller';
import { ResponsesService } from './responses/responses.service';
import { SurveyPoliciesController } from './survey-policies/survey-policies.controller';

/** The REST API under `/api/v1` (and, as later features land, the dashboard and the workers). */
@Module({
  imports: [AuthModule, SurveyConfigModule],
  controllers: [ApiKeysController, QuestionPoolsController, SurveyPoliciesController, ResponsesController, DeliveriesController],
  providers: [ResponsesService, DeliveriesService],
})
export class ApiModule {}
