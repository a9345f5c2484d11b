import { Delete, Get, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, auditActorOf, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { LOCALES } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { ZodBody, ZodQuery, ZodResponse } from '@turbota/server';
import { QuestionPoolService } from '@turbota/survey-config';
import { type QuestionPoolChange, questionPoolChangeSchema, type QuestionPoolInput, questionPoolInputSchema } from '@turbota/surveys';
import { type ChannelDeliverability, deliverabilityChecks } from '../../../bot/src/channels/channel-deliverability';
import { type IncludeArchivedQuery, includeArchivedQuery, UUID_PARAM, VERSION_PARAM } from '../common-params';
import { refuseUndeliverable } from './deliverable-questions';
import { QUESTION_POOL_CHANGE_EXAMPLE, questionPoolLanguagesSchema, questionPoolListSchema, questionPoolSchema, questionPoolVersionSchema } from './question-pool.schemas';

const REFUSED_QUESTIONS =
  'A question is malformed, lacks a text in a declared language, or is longer than an enabled channel delivers (named with its limit); or a declared language is not spoken here';

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
  @ZodResponse(questionPoolSchema, { status: 201, description: 'Created' })
  @ApiBadRequestResponse({ description: REFUSED_QUESTIONS })
  @ApiConflictResponse({ description: 'A pool with that name exists' })
  create(@ZodBody(questionPoolInputSchema) input: QuestionPoolInput, @CurrentPrincipal() principal: Principal) {
    refuseUndeliverable(input.questions, this.channels, input.locales ?? this.config.supportedLocales);
    return this.pools.create(input, auditActorOf(principal));
  }

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'List question pools; archived ones only when asked' })
  @ZodResponse(questionPoolListSchema)
  list(@ZodQuery(includeArchivedQuery) query: IncludeArchivedQuery) {
    return this.pools.list(query);
  }

  @Get('languages')
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'The languages a pool may be given in: those this installation speaks (SUPPORTED_LOCALES)' })
  @ZodResponse(questionPoolLanguagesSchema)
  languages() {
    return { languages: this.config.supportedLocales };
  }

  @Get(':id')
  @Roles('viewer', 'supervisor')
  @ZodResponse(questionPoolSchema)
  @ApiNotFoundResponse({ description: 'No such pool' })
  get(@Param('id', UUID_PARAM) id: string) {
    return this.pools.get(id);
  }

  @Get(':id/versions/:version')
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'The questions of a pool as they were at one version' })
  @ZodResponse(questionPoolVersionSchema)
  @ApiNotFoundResponse({ description: 'No such pool or version' })
  version(@Param('id', UUID_PARAM) id: string, @Param('version', VERSION_PARAM) version: number) {
    return this.pools.version(id, version);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a pool (admin); new questions become a new version',
    description: 'The body may be what GET returned, edited: id, status, version, createdAt and updatedAt are ignored when unchanged (a 400 names them when changed). Unchanged questions keep the version.',
  })
  @ZodResponse(questionPoolSchema)
  @ApiBadRequestResponse({ description: REFUSED_QUESTIONS })
  @ApiConflictResponse({ description: 'The pool is archived, the name is taken, or the questions would break an active policy' })
  update(@Param('id', UUID_PARAM) id: string, @ZodBody(questionPoolChangeSchema, QUESTION_POOL_CHANGE_EXAMPLE) change: QuestionPoolChange, @CurrentPrincipal() principal: Principal) {
    if (change.questions !== undefined) refuseUndeliverable(change.questions, this.channels, change.locales ?? LOCALES);
    return this.pools.update(id, change, auditActorOf(principal));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Archive a pool (admin); its versions stay for the answers given' })
  @ZodResponse(questionPoolSchema)
  @ApiConflictResponse({ description: 'An active policy still uses it' })
  archive(@Param('id', UUID_PARAM) id: string, @CurrentPrincipal() principal: Principal) {
    return this.pools.archive(id, auditActorOf(principal));
  }
}
