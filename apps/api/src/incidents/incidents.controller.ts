import { Body, Get, Headers, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
} from '@nestjs/swagger';
import { ApiV1Controller, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { ApiIfMatch, UUID_PARAM } from '../common-params';
import { IncidentDetailDto, IncidentReportDto, IncidentTransitionDto } from './incident.dto';
import { IncidentsApi } from './incidents-api.service';
import { IncidentsQueryDoc } from './incidents.query';

@ApiV1Controller('incidents', 'incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsApi) {}

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'Incidents, newest first; contacts masked unless the key is a supervisor or admin' })
  @ApiQuery({ type: IncidentsQueryDoc })
  @ApiOkResponse({ description: '`{ items, nextCursor }`; pass nextCursor as cursor for the next page (null at the end)' })
  list(@Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    return this.incidents.list(query, principal);
  }

  @Get(':id')
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'An incident with its history and the service standard\'s next steps for its state' })
  @ApiOkResponse({ type: IncidentDetailDto })
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
  @ApiBody({ type: IncidentReportDto })
  @ApiCreatedResponse({ type: IncidentDetailDto })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong; the message names it' })
  report(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.incidents.report(body, principal);
  }

  @Post(':id/transitions')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Move an incident: acknowledge, start, resolve (note, justified), reject (note), close, reopen, escalate' })
  @ApiBody({ type: IncidentTransitionDto })
  @ApiIfMatch('The incident changed since the version in If-Match')
  @ApiCreatedResponse({ type: IncidentDetailDto })
  @ApiBadRequestResponse({ description: 'The action lacks what it needs (a note to reject, a note and justified to resolve)' })
  @ApiConflictResponse({ description: 'The status does not allow the action; the message says what is allowed' })
  @ApiNotFoundResponse({ description: 'No incident has that id' })
  transition(@Param('id', UUID_PARAM) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @Headers('if-match') ifMatch?: string) {
    return this.incidents.transition(id, body, principal, ifMatch);
  }
}
