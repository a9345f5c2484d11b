import { Body, Delete, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { parseOrThrow } from '@turbota/server';
import { SurveyPolicyService } from '@turbota/survey-config';
import { ApiIfMatch, ifMatchVersion, includeArchivedQuery, UUID_PARAM } from '../common-params';
import { withoutEchoedReadOnly } from '../read-only-fields';
import { SurveyPolicyDto, SurveyPolicyInputDto } from './survey-policy.dto';

/** What GET returns and PATCH cannot set. */
const POLICY_READ_ONLY = ['id', 'status', 'version', 'createdAt', 'updatedAt'] as const;

@ApiV1Controller('survey-policies', 'survey policies')
export class SurveyPoliciesController {
  constructor(private readonly policies: SurveyPolicyService) {}

  @Post()
  @ApiOperation({ summary: 'Create a survey policy (admin)' })
  @ApiBody({ type: SurveyPolicyInputDto })
  @ApiCreatedResponse({ type: SurveyPolicyDto })
  @ApiConflictResponse({ description: 'A policy with that name exists' })
  create(@Body() body: unknown) {
    return this.policies.create(body);
  }

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOkResponse({ type: [SurveyPolicyDto] })
  list(@Query() query: unknown) {
    return this.policies.list({ includeArchived: parseOrThrow(includeArchivedQuery, query).includeArchived === 'true' });
  }

  @Get(':id')
  @Roles('viewer', 'supervisor')
  @ApiOkResponse({ type: SurveyPolicyDto })
  get(@Param('id', UUID_PARAM) id: string) {
    return this.policies.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change the fields given (admin)',
    description: 'The body may be what GET returned, edited: id, status, version, createdAt and updatedAt are ignored when unchanged (a 400 names them when changed). A body that changes nothing keeps the version.',
  })
  @ApiBody({ type: SurveyPolicyInputDto })
  @ApiIfMatch('The policy changed since the version in If-Match')
  @ApiOkResponse({ type: SurveyPolicyDto })
  async update(@Param('id', UUID_PARAM) id: string, @Body() body: unknown, @Headers('if-match') ifMatch?: string) {
    const change = withoutEchoedReadOnly(body, await this.policies.get(id), POLICY_READ_ONLY);
    return this.policies.update(id, change, ifMatchVersion(ifMatch, 'policy'));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Archive a policy (admin)' })
  @ApiOkResponse({ type: SurveyPolicyDto })
  archive(@Param('id', UUID_PARAM) id: string) {
    return this.policies.archive(id);
  }
}
