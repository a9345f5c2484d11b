import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOCALES } from '@turbota/common';
import { INCIDENT_ACTIONS, INCIDENT_PRIORITIES, INCIDENT_STATUSES } from '@turbota/incidents';
import { STANDARD_EVENTS } from '@turbota/standard';

/** A complaint with contacts an integration reports; `incidentReportSchema` checks it. */
export class IncidentReportDto {
  @ApiProperty({ example: 'crm-case-81723', description: "The integration's own id: a repeat answers the first incident" }) externalId: string;
  @ApiPropertyOptional({ example: '+380671234567', description: 'A phone or an e-mail is required; kept encrypted' }) phone?: string;
  @ApiPropertyOptional({ example: 'olena@example.com' }) email?: string;
  @ApiPropertyOptional({ enum: LOCALES, description: "The customer's language; DEFAULT_LOCALE when absent" }) locale?: string;
  @ApiPropertyOptional({ example: 'phone', default: 'api', description: 'The channel of the contact complained about' }) channel?: string;
  @ApiPropertyOptional({ example: 'olena.k', nullable: true }) agent?: string | null;
  @ApiPropertyOptional({ example: 'kyiv-central', nullable: true }) pointOfService?: string | null;
  @ApiPropertyOptional({ example: 'card-issue', nullable: true }) serviceType?: string | null;
  @ApiPropertyOptional({ example: 'impolite', nullable: true, description: 'The reason code; problems group incidents by it' }) reasonCode?: string | null;
  @ApiPropertyOptional({ example: 'Nobody called me back', nullable: true, description: "The customer's own words" }) text?: string | null;
  @ApiPropertyOptional({ enum: ['nps', 'ces', 'csat'], nullable: true, description: 'The scale of score' }) metric?: string | null;
  @ApiPropertyOptional({ example: 2, nullable: true }) score?: number | null;
}

class ContactDto {
  @ApiProperty({ nullable: true, example: '+380 ••• ••• 67' }) phone: string | null;
  @ApiProperty({ nullable: true }) email: string | null;
  @ApiProperty({ description: 'True unless the API key is a supervisor or admin' }) masked: boolean;
}

class AttributesDto {
  @ApiProperty() channel: string;
  @ApiProperty({ enum: LOCALES }) locale: string;
  @ApiProperty({ nullable: true }) agent: string | null;
  @ApiProperty({ nullable: true }) pointOfService: string | null;
  @ApiProperty({ nullable: true }) serviceType: string | null;
}

export class ActorDto {
  @ApiProperty({ enum: ['api_key', 'slack_user', 'customer', 'system'] }) kind: string;
  @ApiProperty() id: string;
  @ApiPropertyOptional() name?: string;
}

export class IncidentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 42, description: 'Short number for people: INC-42' }) number: number;
  @ApiProperty({ enum: INCIDENT_STATUSES }) status: string;
  @ApiProperty({ enum: INCIDENT_PRIORITIES }) priority: string;
  @ApiProperty({ description: 'Send it back as If-Match to refuse acting on a changed incident' }) version: number;
  @ApiProperty({ description: 'Raised by each escalation and each SLA breach' }) escalationLevel: number;
  @ApiProperty({ nullable: true, description: 'Whether the complaint was justified, once settled' }) justified: boolean | null;
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty({ format: 'uuid', nullable: true }) customerId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) problemId: string | null;
  @ApiProperty({ nullable: true, description: 'PRB-n' }) problemNumber: number | null;
  @ApiProperty({ nullable: true }) reasonCode: string | null;
  @ApiProperty({ nullable: true }) text: string | null;
  @ApiProperty({ nullable: true }) metric: string | null;
  @ApiProperty({ nullable: true }) score: number | null;
  @ApiProperty({ type: ContactDto }) contact: ContactDto;
  @ApiProperty({ nullable: true, example: 'sealed with an unknown key', description: 'Why the contact cannot be shown (its phone or e-mail is then null); null when it can' })
  contactUnavailable: string | null;
  @ApiProperty({ type: AttributesDto }) attributes: AttributesDto;
  @ApiProperty({ description: 'The service standard version its next steps come from' }) standardVersion: number;
  @ApiProperty() acknowledgeBy: Date;
  @ApiProperty() resolveBy: Date;
  @ApiProperty({ nullable: true }) acknowledgedAt: Date | null;
  @ApiProperty({ nullable: true }) resolvedAt: Date | null;
  @ApiProperty({ nullable: true }) rejectedAt: Date | null;
  @ApiProperty({ nullable: true }) closedAt: Date | null;
  @ApiProperty({ nullable: true }) ackBreachedAt: Date | null;
  @ApiProperty({ nullable: true }) resolveBreachedAt: Date | null;
  @ApiProperty({ description: 'A passed SLA deadline is still unmet' }) breached: boolean;
  @ApiProperty({ enum: INCIDENT_ACTIONS, isArray: true, description: 'What may be done now' }) allowedActions: string[];
  @ApiProperty({ enum: ['dialogue', 'api'] }) source: string;
  @ApiProperty({ nullable: true }) externalId: string | null;
  @ApiProperty({ nullable: true, description: '{ channel, ts } of the supervisors\' Slack message' }) slack: object | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

class HistoryEntryDto {
  @ApiProperty() at: Date;
  @ApiProperty({ enum: [...INCIDENT_ACTIONS, 'create', 'sla_breach', 'customer_confirmed', 'customer_disputed', 'customer_statement'] }) action: string;
  @ApiProperty({ enum: INCIDENT_STATUSES, nullable: true }) from: string | null;
  @ApiProperty({ enum: INCIDENT_STATUSES }) to: string;
  @ApiProperty({ type: ActorDto }) actor: ActorDto;
  @ApiProperty({ nullable: true }) note: string | null;
}

class NextStepsDto {
  @ApiProperty({ enum: STANDARD_EVENTS, description: "The standard's event for the incident's state" }) event: string;
  @ApiProperty({ enum: LOCALES }) locale: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: [String], description: 'What the staff should do, in order' }) tasks: string[];
  @ApiProperty({ description: '[{ action, phrases }]: what to say to the customer, with phrase variants' }) actions: object[];
}

export class IncidentDetailDto extends IncidentDto {
  @ApiProperty({ type: [HistoryEntryDto], description: 'Oldest first' }) history: HistoryEntryDto[];
  @ApiProperty({ type: NextStepsDto }) nextSteps: NextStepsDto;
}

export class IncidentTransitionDto {
  @ApiProperty({ enum: INCIDENT_ACTIONS }) action: string;
  @ApiPropertyOptional({ description: 'Required to resolve (what was done) and to reject (why it is not justified)' }) note?: string;
  @ApiPropertyOptional({ description: 'Required to resolve: whether the complaint was justified' }) justified?: boolean;
}
