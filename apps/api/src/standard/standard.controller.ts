import { Body, Get, Headers, Inject, Param, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
} from '@nestjs/swagger';
import { ApiV1Controller, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { parseOrThrow } from '@turbota/server';
import { StandardService } from '@turbota/standard';
import { ApiIfMatch, ifMatchVersion, VERSION_PARAM } from '../common-params';
import { withoutEchoedReadOnly } from '../read-only-fields';
import { NextStepsDto, StandardTableDto, StandardVersionDto, standardVersionView } from './standard.dto';
import { NextStepsQueryDoc, nextStepsQuerySchema } from './standard.query';

/** What GET returns and PUT cannot set. */
const STANDARD_READ_ONLY = ['version', 'createdAt', 'createdBy'] as const;

@ApiV1Controller('standard', 'service standard')
export class StandardController {
  constructor(
    private readonly standard: StandardService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'The current version of the service standard: every event with its tasks and customer-facing phrases' })
  @ApiOkResponse({ type: StandardVersionDto })
  async current() {
    return standardVersionView(await this.standard.current());
  }

  @Get('next-steps')
  @Roles('viewer', 'supervisor', 'integration')
  @ApiOperation({ summary: "The staff's tasks and the customer-facing phrases for one event, in one language" })
  @ApiQuery({ type: NextStepsQueryDoc })
  @ApiOkResponse({ type: NextStepsDto })
  @ApiBadRequestResponse({ description: 'event, locale or version is wrong; the message names it' })
  @ApiNotFoundResponse({ description: 'The standard has no such version' })
  nextSteps(@Query() query: unknown) {
    const { event, locale, version } = parseOrThrow(nextStepsQuerySchema, query);
    return this.standard.nextSteps(event, locale ?? this.config.defaultLocale, version);
  }

  @Get('versions/:version')
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'One version of the service standard, current or older' })
  @ApiOkResponse({ type: StandardVersionDto })
  @ApiNotFoundResponse({ description: 'The standard has no such version' })
  async version(@Param('version', VERSION_PARAM) version: number) {
    return standardVersionView(await this.standard.version(version));
  }

  @Put()
  @ApiOperation({
    summary: 'Publish a new version of the whole table (admin); older versions stay readable',
    description: 'The body may be what GET returned, edited: version, createdAt and createdBy are ignored when unchanged (a 400 names them when changed). A table equal to the current one publishes nothing and returns the current version.',
  })
  @ApiBody({ type: StandardTableDto })
  @ApiIfMatch('A newer version was published since the one in If-Match', 'The version you read; refused with 412 when another was published since')
  @ApiOkResponse({ type: StandardVersionDto })
  @ApiBadRequestResponse({ description: 'The table is incomplete or wrong; each problem names its place, e.g. events.detractor.actions[apologise].phrases.uk' })
  async publish(@Body() body: unknown, @CurrentPrincipal() principal: Principal, @Headers('if-match') ifMatch?: string) {
    const expectedVersion = ifMatchVersion(ifMatch, 'service standard');
    const table = withoutEchoedReadOnly(body, standardVersionView(await this.standard.current()), STANDARD_READ_ONLY);
    return standardVersionView(await this.standard.publish(table, { createdBy: principal.name, expectedVersion }));
  }
}
