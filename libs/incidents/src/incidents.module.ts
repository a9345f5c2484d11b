import { Global, Module } from '@nestjs/common';
import { COMPLAINT_RECORDED, ConversationsModule, RESOLUTION_ANSWERED } from '@turbota/conversations';
import { PERSON_DEACTIVATED } from '@turbota/people';
import { StandardModule } from '@turbota/standard';
import { AnonymousIncidentRate } from './anonymous-incident-rate';
import { CustomerFollowUp, ResolutionAnswers } from './customer-follow-up';
import { INCIDENT_SETTLED } from './incident-hooks';
import { IncidentIntake } from './incident-intake';
import { IncidentJournal } from './incident-journal';
import { IncidentService } from './incident.service';
import { incidentsConfigProvider, INCIDENTS_CONFIG } from './incidents-config';
import { OwnedIncidentsRelease } from './owned-incidents-release';
import { ProblemDetector } from './problem-detector';
import { ProblemService } from './problem.service';
import { SlaBreaches } from './sla-breaches';
import { StandardVersions } from './standard-versions';

/**
 * Incidents and problems. Global, because the dialogue (in the conversations module) finds the
 * complaint and resolution hooks, and the people module the deactivation hook, by their tokens
 * without depending on this module; every process that runs dialogues (the bot) or serves the
 * API imports it.
 */
@Global()
@Module({
  imports: [StandardModule, ConversationsModule],
  providers: [
    incidentsConfigProvider,
    IncidentJournal,
    ProblemDetector,
    AnonymousIncidentRate,
    IncidentIntake,
    IncidentService,
    ProblemService,
    SlaBreaches,
    StandardVersions,
    CustomerFollowUp,
    ResolutionAnswers,
    OwnedIncidentsRelease,
    { provide: PERSON_DEACTIVATED, useExisting: OwnedIncidentsRelease },
    { provide: COMPLAINT_RECORDED, useExisting: IncidentIntake },
    { provide: INCIDENT_SETTLED, useExisting: CustomerFollowUp },
    { provide: RESOLUTION_ANSWERED, useExisting: ResolutionAnswers },
  ],
  exports: [IncidentService, ProblemService, IncidentIntake, SlaBreaches, INCIDENTS_CONFIG, COMPLAINT_RECORDED, RESOLUTION_ANSWERED, PERSON_DEACTIVATED],
})
export class IncidentsModule {}
