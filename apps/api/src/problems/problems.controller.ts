import { Get, Headers, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { ZodBody, ZodQuery, ZodResponse } from '@turbota/server';
import { ApiIfMatch, UUID_PARAM } from '../common-params';
import { problemDetailSchema, problemPageSchema, type ProblemTransitionInput, problemTransitionInputSchema } from './problem.schemas';
import { ProblemsApi } from './problems-api.service';
import { type ProblemsQuery, problemsQuerySchema } from './problems.query';

@ApiV1Controller('problems', 'problems')
export class ProblemsController {
  constructor(private readonly problems: ProblemsApi) {}

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'Problems (repeated incidents: one reason at one point of service, agent or service type), newest first' })
  @ZodResponse(problemPageSchema, { description: 'A page; pass nextCursor as cursor for the next one (null at the end)' })
  list(@ZodQuery(problemsQuerySchema) query: ProblemsQuery) {
    return this.problems.list(query);
  }

  @Get(':id')
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'A problem with its incidents and its history' })
  @ZodResponse(problemDetailSchema)
  @ApiNotFoundResponse({ description: 'No problem has that id' })
  get(@Param('id', UUID_PARAM) id: string, @CurrentPrincipal() principal: Principal) {
    return this.problems.get(id, principal);
  }

  @Post(':id/transitions')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Move a problem: investigate, fix, reopen' })
  @ApiIfMatch('The problem changed since the version in If-Match')
  @ZodResponse(problemDetailSchema, { status: 201, description: 'The problem as the action left it' })
  @ApiConflictResponse({ description: 'The status does not allow the action; the message says what is allowed' })
  @ApiNotFoundResponse({ description: 'No problem has that id' })
  transition(
    @Param('id', UUID_PARAM) id: string,
    @ZodBody(problemTransitionInputSchema) command: ProblemTransitionInput,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.problems.transition(id, command, principal, ifMatch);
  }
}
