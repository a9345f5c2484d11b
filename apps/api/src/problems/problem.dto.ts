import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROBLEM_ACTIONS, PROBLEM_DIMENSIONS, PROBLEM_STATUSES } from '@turbota/incidents';
import { ActorDto, IncidentDto } from '../incidents/incident.dto';

export class ProblemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 7, description: 'Short number for people: PRB-7' }) number: number;
  @ApiProperty({ enum: PROBLEM_STATUSES }) status: string;
  @ApiProperty({ description: 'Send it back as If-Match to refuse acting on a changed problem' }) version: number;
  @ApiProperty({ example: 'waiting' }) reasonCode: string;
  @ApiProperty({ enum: PROBLEM_DIMENSIONS, description: 'What the incidents share besides the reason' }) dimension: string;
  @ApiProperty({ example: 'kyiv-central', description: 'The shared point of service, agent or service type' }) value: string;
  @ApiProperty({ description: "The rule's window when it was detected" }) windowDays: number;
  @ApiProperty() incidentCount: number;
  @ApiProperty() firstSeenAt: Date;
  @ApiProperty() lastSeenAt: Date;
  @ApiProperty({ nullable: true }) fixedAt: Date | null;
  @ApiProperty({ enum: PROBLEM_ACTIONS, isArray: true }) allowedActions: string[];
  @ApiProperty({ nullable: true }) slack: object | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

class ProblemHistoryEntryDto {
  @ApiProperty() at: Date;
  @ApiProperty({ enum: ['detect', 'link', ...PROBLEM_ACTIONS] }) action: string;
  @ApiProperty({ enum: PROBLEM_STATUSES, nullable: true }) from: string | null;
  @ApiProperty({ enum: PROBLEM_STATUSES }) to: string;
  @ApiProperty({ type: ActorDto }) actor: ActorDto;
  @ApiProperty({ nullable: true }) note: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The incident that joined (detect, link)' }) incidentId: string | null;
}

export class ProblemDetailDto extends ProblemDto {
  @ApiProperty({ type: [IncidentDto], description: 'Newest first; contacts masked unless the key is a supervisor or admin' }) incidents: IncidentDto[];
  @ApiProperty({ type: [ProblemHistoryEntryDto], description: 'Oldest first' }) history: ProblemHistoryEntryDto[];
}

export class ProblemTransitionDto {
  @ApiProperty({ enum: PROBLEM_ACTIONS, description: 'investigate (open -> investigating), fix (-> fixed), reopen (fixed -> open)' }) action: string;
  @ApiPropertyOptional({ description: 'What was found or done' }) note?: string;
}
