import { Body, Delete, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { LOCALES } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { parseOrThrow } from '@turbota/server';
import { QuestionPoolService } from '@turbota/survey-config';
import { type ChannelDeliverability, deliverabilityChecks } from '../../../bot/src/channels/channel-deliverability';
import { includeArchivedQuery, UUID_PARAM, VERSION_PARAM } from '../common-params';
import { withoutEchoedReadOnly } from '../read-only-fields';
import { declaredLocales, refuseUndeliverable } from './deliverable-questions';
import { createPoolSchema, CreateQuestionPoolDto, QuestionPoolDto, QuestionPoolVersionDto, updatePoolSchema, UpdateQuestionPoolDto } from './question-pool.dto';

/** What GET returns and PATCH cannot set. */
const POOL_READ_ONLY = ['id', 'status', 'version', 'createdAt', 'updatedAt'] as const;

@ApiV1Controller('question-pools', 'question pools')
export class QuestionPoolsController {
  /** The enabled channels' length checks: a question one of them cannot deliver is refused. */
  private readonly channels: ChannelDeliverability[];

  constructor(
    private readonly pools: QuestionPoolService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.channels = deliverabilityChecks(config.channels);
  }

  @Post()
  @ApiOperation({ summary: 'Create a question pool (admin); every text in each language it declares (default: SUPPORTED_LOCALES), short enough for every enabled channel' })
  @ApiBody({ type: CreateQuestionPoolDto })
  @ApiCreatedResponse({ type: QuestionPoolDto })
  @ApiBadRequestResponse({ description: 'A question is malformed, lacks a text in a declared language, or is longer than an enabled channel delivers (named with its limit); or a declared language is not spoken here' })
  @ApiConflictResponse({ description: 'A pool with that name exists' })
  create(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const input = parseOrThrow(createPoolSchema, body);
    refuseUndeliverable(input.questions, this.channels, declaredLocales(input.locales, this.config.supportedLocales));
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
  @ApiOperation({
    summary: 'Change a pool (admin); new questions become a new version',
    description: 'The body may be what GET returned, edited: id, status, version, createdAt and updatedAt are ignored when unchanged (a 400 names them when changed). Unchanged questions keep the version.',
  })
  @ApiBody({ type: UpdateQuestionPoolDto })
  @ApiOkResponse({ type: QuestionPoolDto })
  @ApiBadRequestResponse({ description: 'A question is malformed, lacks a text in a declared language, or is longer than an enabled channel delivers (named with its limit); or a declared language is not spoken here' })
  @ApiConflictResponse({ description: 'The pool is archived, the name is taken, or the questions would break an active policy' })
  async update(@Param('id', UUID_PARAM) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const change = parseOrThrow(updatePoolSchema, withoutEchoedReadOnly(body, await this.pools.get(id), POOL_READ_ONLY));
    if (change.questions !== undefined) refuseUndeliverable(change.questions, this.channels, declaredLocales(change.locales, LOCALES));
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
