import { Delete, Get, Headers, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, auditActorOf, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { ZodBody, ZodQuery, ZodResponse } from '@turbota/server';
import { SurveyPolicyService } from '@turbota/survey-config';
import { type SurveyPolicyChange, surveyPolicyChangeSchema, type SurveyPolicyInput, surveyPolicyInputSchema } from '@turbota/surveys';
import { ApiIfMatch, ifMatchVersion, type IncludeArchivedQuery, includeArchivedQuery, UUID_PARAM } from '../common-params';
import { SURVEY_POLICY_CHANGE_EXAMPLE, surveyPolicyListSchema, surveyPolicySchema } from './survey-policy.schemas';

const REFUSED_SETTINGS = 'A setting is wrong, or the pool is archived or lacks a question the policy names (with the right type)';

@ApiV1Controller('survey-policies', 'survey policies')
export class SurveyPoliciesController {
  constructor(private readonly policies: SurveyPolicyService) {}

  @Post()
  @ApiOperation({ summary: 'Create a survey policy (admin)' })
  @ZodResponse(surveyPolicySchema, { status: 201, description: 'Created' })
  @ApiBadRequestResponse({ description: REFUSED_SETTINGS })
  @ApiConflictResponse({ description: 'A policy with that name exists' })
  create(@ZodBody(surveyPolicyInputSchema) input: SurveyPolicyInput, @CurrentPrincipal() principal: Principal) {
    return this.policies.create(input, { by: auditActorOf(principal) });
  }

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'List survey policies; archived ones only when asked' })
  @ZodResponse(surveyPolicyListSchema)
  list(@ZodQuery(includeArchivedQuery) query: IncludeArchivedQuery) {
    return this.policies.list(query);
  }

  @Get(':id')
  @Roles('viewer', 'supervisor')
  @ZodResponse(surveyPolicySchema)
  @ApiNotFoundResponse({ description: 'No such policy' })
  get(@Param('id', UUID_PARAM) id: string) {
    return this.policies.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change the fields given (admin)',
    description: 'The body may be what GET returned, edited: id, status, version, createdAt and updatedAt are ignored when unchanged (a 400 names them when changed). A body that changes nothing keeps the version.',
  })
  @ApiIfMatch('The policy changed since the version in If-Match')
  @ZodResponse(surveyPolicySchema)
  @ApiBadRequestResponse({ description: REFUSED_SETTINGS })
  @ApiConflictResponse({ description: 'The policy is archived, or another policy has that name' })
  update(@Param('id', UUID_PARAM) id: string, @ZodBody(surveyPolicyChangeSchema, SURVEY_POLICY_CHANGE_EXAMPLE) change: SurveyPolicyChange, @CurrentPrincipal() principal: Principal, @Headers('if-match') ifMatch?: string) {
    return this.policies.update(id, change, { by: auditActorOf(principal), expectedVersion: ifMatchVersion(ifMatch, 'policy') });
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Archive a policy (admin)' })
  @ZodResponse(surveyPolicySchema)
  archive(@Param('id', UUID_PARAM) id: string, @CurrentPrincipal() principal: Principal) {
    return this.policies.archive(id, auditActorOf(principal));
  }
}
