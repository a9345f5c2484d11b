import { Get, Headers, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { type IncidentReport, incidentReportSchema } from '@turbota/incidents';
import { ZodBody, ZodQuery, ZodResponse } from '@turbota/server';
import { ApiIfMatch, UUID_PARAM } from '../common-params';
import { incidentDetailSchema, incidentPageSchema, type IncidentTransitionInput, incidentTransitionInputSchema } from './incident.schemas';
import { IncidentsApi } from './incidents-api.service';
import { type IncidentsQuery, incidentsQuerySchema } from './incidents.query';

@ApiV1Controller('incidents', 'incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsApi) {}

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'Incidents, newest first; contacts masked unless the key is a supervisor or admin' })
  @ZodResponse(incidentPageSchema, { description: 'A page; pass nextCursor as cursor for the next one (null at the end)' })
  list(@ZodQuery(incidentsQuerySchema) query: IncidentsQuery, @CurrentPrincipal() principal: Principal) {
    return this.incidents.list(query, principal);
  }

  @Get(':id')
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'An incident with its history and the service standard\'s next steps for its state' })
  @ZodResponse(incidentDetailSchema)
  @ApiNotFoundResponse({ description: 'No incident has that id' })
  get(@Param('id', UUID_PARAM) id: string, @CurrentPrincipal() principal: Principal) {
    return this.incidents.get(id, principal);
  }

  @Post()
  @Roles('integration')
  @ApiOperation({
    summary: 'Report a complaint with contacts (a phone or an e-mail) as an incident',
    description: 'Idempotent on externalId: a repeat answers the first incident. Priority and SLA deadlines follow config/incidents.json.',
  })
  @ZodResponse(incidentDetailSchema, { status: 201, description: 'The incident (the first one, for a repeated externalId)' })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong; the message names it' })
  report(@ZodBody(incidentReportSchema) report: IncidentReport, @CurrentPrincipal() principal: Principal) {
    return this.incidents.report(report, principal);
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
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.incidents.transition(id, command, principal, ifMatch);
  }
}
