import { Body, Get, Headers, Param, Post, Query } from '@nestjs/common';
import {
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
import { ProblemDetailDto, ProblemTransitionDto } from './problem.dto';
import { ProblemsApi } from './problems-api.service';
import { ProblemsQueryDoc } from './problems.query';

@ApiV1Controller('problems', 'problems')
export class ProblemsController {
  constructor(private readonly problems: ProblemsApi) {}

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'Problems (repeated incidents: one reason at one point of service, agent or service type), newest first' })
  @ApiQuery({ type: ProblemsQueryDoc })
  @ApiOkResponse({ description: '`{ items, nextCursor }`; pass nextCursor as cursor for the next page (null at the end)' })
  list(@Query() query: unknown) {
    return this.problems.list(query);
  }

  @Get(':id')
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'A problem with its incidents and its history' })
  @ApiOkResponse({ type: ProblemDetailDto })
  @ApiNotFoundResponse({ description: 'No problem has that id' })
  get(@Param('id', UUID_PARAM) id: string, @CurrentPrincipal() principal: Principal) {
    return this.problems.get(id, principal);
  }

  @Post(':id/transitions')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Move a problem: investigate, fix, reopen' })
  @ApiBody({ type: ProblemTransitionDto })
  @ApiIfMatch('The problem changed since the version in If-Match')
  @ApiCreatedResponse({ type: ProblemDetailDto })
  @ApiConflictResponse({ description: 'The status does not allow the action; the message says what is allowed' })
  @ApiNotFoundResponse({ description: 'No problem has that id' })
  transition(@Param('id', UUID_PARAM) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @Headers('if-match') ifMatch?: string) {
    return this.problems.transition(id, body, principal, ifMatch);
  }
}
