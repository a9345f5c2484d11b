import { BadRequestException, Body, Delete, Get, Inject, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { parseOrThrow } from '@turbota/server';
import { QuestionPoolService } from '@turbota/survey-config';
import { type ChannelDeliverability, deliverabilityChecks } from '../../../bot/src/channels/channel-deliverability';
import { includeArchivedQuery, UUID_PARAM } from '../common-params';
import { refuseUndeliverable } from './deliverable-questions';
import { createPoolSchema, CreateQuestionPoolDto, QuestionPoolDto, QuestionPoolVersionDto, updatePoolSchema, UpdateQuestionPoolDto } from './question-pool.dto';

const VERSION_PARAM = new ParseIntPipe({ exceptionFactory: () => new BadRequestException('version must be a whole number') });

@ApiV1Controller('question-pools', 'question pools')
export class QuestionPoolsController {
  /** The enabled channels' length checks: a question one of them cannot deliver is refused. */
  private readonly channels: ChannelDeliverability[];

  constructor(
    private readonly pools: QuestionPoolService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channels = deliverabilityChecks(config.channels);
  }

  @Post()
  @ApiOperation({ summary: 'Create a question pool (admin); every text in uk, ru and en, short enough for every enabled channel' })
  @ApiBody({ type: CreateQuestionPoolDto })
  @ApiCreatedResponse({ type: QuestionPoolDto })
  @ApiBadRequestResponse({ description: 'A question is malformed, or longer than an enabled channel delivers (named with its limit)' })
  @ApiConflictResponse({ description: 'A pool with that name exists' })
  create(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const input = parseOrThrow(createPoolSchema, body);
    refuseUndeliverable(input.questions, this.channels);
    return this.pools.create(input, principal.keyId);
  }

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'List question pools; archived ones only when asked' })
  @ApiOkResponse({ type: [QuestionPoolDto] })
  list(@Query() query: unknown) {
    return this.pools.list({ includeArchived: parseOrThrow(includeArchivedQuery, query).includeArchived === 'true' });
  }

  @Get(':id')
  @Roles('viewer', 'supervisor')
  @ApiOkResponse({ type: QuestionPoolDto })
  @ApiNotFoundResponse({ description: 'No such pool' })
  get(@Param('id', UUID_PARAM) id: string) {
    return this.pools.get(id);
  }

  @Get(':id/versions/:version')
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'The questions of a pool as they were at one version' })
  @ApiOkResponse({ type: QuestionPoolVersionDto })
  @ApiNotFoundResponse({ description: 'No such pool or version' })
  version(@Param('id', UUID_PARAM) id: string, @Param('version', VERSION_PARAM) version: number) {
    return this.pools.version(id, version);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a pool (admin); new questions become a new version' })
  @ApiBody({ type: UpdateQuestionPoolDto })
  @ApiOkResponse({ type: QuestionPoolDto })
  @ApiBadRequestResponse({ description: 'A question is malformed, or longer than an enabled channel delivers (named with its limit)' })
  @ApiConflictResponse({ description: 'The pool is archived, the name is taken, or the questions would break an active policy' })
  update(@Param('id', UUID_PARAM) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const change = parseOrThrow(updatePoolSchema, body);
    if (change.questions !== undefined) refuseUndeliverable(change.questions, this.channels);
    return this.pools.update(id, change, principal.keyId);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Archive a pool (admin); its versions stay for the answers given' })
  @ApiOkResponse({ type: QuestionPoolDto })
  @ApiConflictResponse({ description: 'An active policy still uses it' })
  archive(@Param('id', UUID_PARAM) id: string) {
    return this.pools.archive(id);
  }
}
