import { Module } from '@nestjs/common';
import { DefaultSeeds } from './default-seeds';
import { QuestionPoolService } from './question-pool.service';
import { SurveyPolicyService } from './survey-policy.service';

/** Question pools and survey policies, seeded from `config/` on first start. */
@Module({
  providers: [QuestionPoolService, SurveyPolicyService, DefaultSeeds],
  exports: [QuestionPoolService, SurveyPolicyService],
})
export class SurveyConfigModule {}
