import { Module } from '@nestjs/common';
import { AuthModule } from '@turbota/auth';
import { IncidentsModule } from '@turbota/incidents';
import { ProblemsApi } from '../problems/problems-api.service';
import { ProblemsController } from '../problems/problems.controller';
import { IncidentsApi } from './incidents-api.service';
import { IncidentsController } from './incidents.controller';
import { SlaWorker } from './sla-worker';

/** Incidents and problems over REST, and the SLA worker that every API process runs. */
@Module({
  imports: [AuthModule, IncidentsModule],
  controllers: [IncidentsController, ProblemsController],
  providers: [IncidentsApi, ProblemsApi, SlaWorker],
})
export class IncidentsApiModule {}
