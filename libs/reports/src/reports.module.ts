import { Module } from '@nestjs/common';
import { FactorAnswersRepository } from './factor-answers.repository';
import { IncidentFactsRepository } from './incident-facts.repository';
import { InvitationsRepository } from './invitations.repository';
import { ReportsService } from './reports.service';
import { RollupRepository } from './rollup.repository';

/** Reports over the rollups, invitations, factor answers, incidents and problems. */
@Module({
  providers: [RollupRepository, InvitationsRepository, FactorAnswersRepository, IncidentFactsRepository, ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
