import { BadRequestException, Body, Delete, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
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
import { ApiIfMatch, includeArchivedQuery, UUID_PARAM } from '../common-params';
import { SurveyPolicyDto, SurveyPolicyInputDto } from './survey-policy.dto';

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
  @ApiOperation({ summary: 'Change the fields given (admin)' })
  @ApiBody({ type: SurveyPolicyInputDto })
  @ApiIfMatch('The policy changed since the version in If-Match')
  @ApiOkResponse({ type: SurveyPolicyDto })
  update(@Param('id', UUID_PARAM) id: string, @Body() body: unknown, @Headers('if-match') ifMatch?: string) {
    return this.policies.update(id, body, versionOf(ifMatch));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Archive a policy (admin)' })
  @ApiOkResponse({ type: SurveyPolicyDto })
  archive(@Param('id', UUID_PARAM) id: string) {
    return this.policies.archive(id);
  }
}

/** `If-Match: 3` or `If-Match: "3"`. */
function versionOf(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(ifMatch);
  if (!match) throw new BadRequestException('If-Match must be the version number of the policy, e.g. "3"');
  return Number(match[1]);
}
