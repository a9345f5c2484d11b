import { Get, Headers, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { type IncidentReport, incidentReportSchema } from '@turbota/incidents';
import { ZodBody, ZodQuery, ZodResponse } from '@turbota/server';
import { ApiIfMatch, UUID_PARAM } from '../common-params';
import {
  incidentDetailSchema,
  type IncidentOwnerInput,
  incidentOwnerInputSchema,
  incidentPageSchema,
  type IncidentTransitionInput,
  incidentTransitionInputSchema,
} from './incident.schemas';
import { CurrentReader, type IncidentReader } from './incident-reader';
import { IncidentsApi } from './incidents-api.service';
import { type IncidentsQuery, incidentsQuerySchema } from './incidents.query';

@ApiV1Controller('incidents', 'incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsApi) {}

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'Incidents, newest first; contacts masked unless the caller is a supervisor or admin API key' })
  @ZodResponse(incidentPageSchema, { description: 'A page; pass nextCursor as cursor for the next one (null at the end)' })
  list(@ZodQuery(incidentsQuerySchema) query: IncidentsQuery, @CurrentPrincipal() principal: Principal) {
    return this.incidents.list(query, principal);
  }

  @Get(':id')
  @Roles('viewer', 'supervisor')
  @ApiOperation({
    summary: "An incident with its history, its conversation's transcript and the service standard's next steps for its state",
    description:
      'Contacts are masked unless the caller is a supervisor or admin API key; people see them through POST /incidents/{id}/contact-reveal, which is recorded. ' +
      "The next steps' tasks are in the reader's language (a person's own, else Accept-Language among uk, ru, en, else the incident's: nextSteps.tasksLocale), " +
      "their phrases in the customer's (nextSteps.locale); so in every answer with an incident.",
  })
  @ZodResponse(incidentDetailSchema)
  @ApiNotFoundResponse({ description: 'No incident has that id' })
  get(@Param('id', UUID_PARAM) id: string, @CurrentReader() reader: IncidentReader) {
    return this.incidents.get(id, reader);
  }

  @Post()
  @Roles('integration')
  @ApiOperation({
    summary: 'Report a complaint with contacts (a phone or an e-mail) as an incident',
    description: 'Idempotent on externalId: a repeat answers the first incident. Priority and SLA deadlines follow config/incidents.json.',
  })
  @ZodResponse(incidentDetailSchema, { status: 201, description: 'The incident (the first one, for a repeated externalId)' })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong; the message names it' })
  report(@ZodBody(incidentReportSchema) report: IncidentReport, @CurrentReader() reader: IncidentReader) {
    return this.incidents.report(report, reader);
  }

  @Post(':id/transitions')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Move an incident: acknowledge, start, resolve (note, justified), reject (note), close, reopen, escalate' })
  @ApiIfMatch('The incident changed since the version in If-Match')
  @ZodResponse(incidentDetailSchema, { status: 201, description: 'The incident as the action left it' })
  @ApiBadRequestResponse({ description: 'The action lacks what it needs (a note to reject, a note and justified to resolve)' })
  @ApiConflictResponse({ description: 'The status does not allow the action; the message says what is allowed' })
  @ApiNotFoundResponse({ description: 'No incident has that id' })
  transition(
    @Param('id', UUID_PARAM) id: string,
    @ZodBody(incidentTransitionInputSchema) command: IncidentTransitionInput,
    @CurrentReader() reader: IncidentReader,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.incidents.transition(id, command, reader, ifMatch);
  }

  @Post(':id/owner')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Give an incident to a person (an active supervisor or admin), to the signed-in person (me: true), or to nobody (personId: null)',
    description: 'Recorded in the history (assign, unassign) and shown in Slack. Giving it to its owner again changes nothing.',
  })
  @ApiIfMatch('The incident changed since the version in If-Match')
  @ZodResponse(incidentDetailSchema, { description: 'The incident with its owner' })
  @ApiBadRequestResponse({ description: 'Neither or both of personId and me; no person has that id; me with an API key, which is no person' })
  @ApiConflictResponse({ description: 'The person may not own incidents: not active, or a viewer' })
  @ApiNotFoundResponse({ description: 'No incident has that id' })
  assign(
    @Param('id', UUID_PARAM) id: string,
    @ZodBody(incidentOwnerInputSchema) input: IncidentOwnerInput,
    @CurrentReader() reader: IncidentReader,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.incidents.assign(id, input, reader, ifMatch);
  }

  @Post(':id/contact-reveal')
  @Roles('supervisor')
  @ApiOperation({
    summary: "The incident with the customer's contact in the clear (in its contact and its transcript); the history records who saw it, never the contact",
  })
  @ZodResponse(incidentDetailSchema, { description: 'The incident, contacts in the clear' })
  @ApiNotFoundResponse({ description: 'No incident has that id' })
  revealContact(@Param('id', UUID_PARAM) id: string, @CurrentReader() reader: IncidentReader) {
    return this.incidents.revealContact(id, reader);
  }
}
