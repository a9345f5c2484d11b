import { Get, Headers, Inject, Param, Put, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, auditActorOf, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { ZodQuery, ZodResponse } from '@turbota/server';
import { StandardService, type StandardTable } from '@turbota/standard';
import { ApiIfMatch, ifMatchVersion, VERSION_PARAM } from '../common-params';
import { EchoedStandardFields, StandardTableBody } from './standard-table.body';
import { nextStepsSchema, standardVersionSchema, standardVersionView } from './standard.schemas';
import { type NextStepsQuery, nextStepsQuerySchema } from './standard.query';

@ApiV1Controller('standard', 'service standard')
export class StandardController {
  constructor(
    private readonly standard: StandardService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'The current version of the service standard: every event with its tasks and customer-facing phrases' })
  @ZodResponse(standardVersionSchema)
  async current() {
    return standardVersionView(await this.standard.current());
  }

  @Get('next-steps')
  @Roles('viewer', 'supervisor', 'integration')
  @ApiOperation({ summary: "The staff's tasks and the customer-facing phrases for one event, in one language" })
  @ZodResponse(nextStepsSchema)
  @ApiBadRequestResponse({ description: 'event, locale or version is wrong; the message names it' })
  @ApiNotFoundResponse({ description: 'The standard has no such version' })
  nextSteps(@ZodQuery(nextStepsQuerySchema) query: NextStepsQuery) {
    return this.standard.nextSteps(query.event, query.locale ?? this.config.defaultLocale, query.version);
  }

  @Get('versions/:version')
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'One version of the service standard, current or older' })
  @ZodResponse(standardVersionSchema)
  @ApiNotFoundResponse({ description: 'The standard has no such version' })
  async version(@Param('version', VERSION_PARAM) version: number) {
    return standardVersionView(await this.standard.version(version));
  }

  @Put()
  @UseInterceptors(EchoedStandardFields)
  @ApiOperation({
    summary: 'Publish a new version of the whole table (admin); older versions stay readable',
    description: 'The body may be what GET returned, edited: version, createdAt and createdBy are ignored when unchanged (a 400 names them when changed). A table equal to the current one publishes nothing and returns the current version.',
  })
  @ApiIfMatch('A newer version was published since the one in If-Match', 'The version you read; refused with 412 when another was published since')
  @ZodResponse(standardVersionSchema)
  @ApiBadRequestResponse({ description: 'The table is incomplete or wrong; each problem names its place, e.g. events.detractor.actions[apologise].phrases.uk' })
  async publish(@StandardTableBody() table: StandardTable, @CurrentPrincipal() principal: Principal, @Headers('if-match') ifMatch?: string) {
    const expectedVersion = ifMatchVersion(ifMatch, 'service standard');
    return standardVersionView(await this.standard.publish(table, { by: auditActorOf(principal), expectedVersion }));
  }
}
