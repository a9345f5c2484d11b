import { Get, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ApiV1Controller, auditActorOf, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { type CampaignInput, campaignInputSchema, CampaignService } from '@turbota/triggers';
import { ZodBody, ZodQuery, ZodResponse } from '@turbota/server';
import { UUID_PARAM } from '../common-params';
import { CampaignEstimator } from './campaign-estimate';
import { type CampaignEstimateQuery, campaignEstimateQuery, campaignEstimateSchema, campaignListSchema, campaignSchema } from './campaign.schemas';

@ApiV1Controller('campaigns', 'campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly estimator: CampaignEstimator,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Start a representative campaign (admin): a uniform random sample of the eligible customers, invited across the window',
    description:
      'Invitations are planned evenly over the minutes of the window outside the policy\'s quiet hours, at most 2 a second, and sent when due; the response rate is tracked against the 70% target.',
  })
  @ZodResponse(campaignSchema, { status: 201, description: 'Drawn and planned' })
  @ApiBadRequestResponse({ description: 'A field is wrong, e.g. policyId names no active survey policy or the channel is off' })
  @ApiUnprocessableEntityResponse({ description: 'The window cannot hold the sample at the allowed pace' })
  create(@ZodBody(campaignInputSchema) input: CampaignInput, @CurrentPrincipal() principal: Principal) {
    return this.campaigns.create(input, auditActorOf(principal));
  }

  @Get()
  @Roles('viewer', 'supervisor')
  @ZodResponse(campaignListSchema)
  list() {
    return this.campaigns.list();
  }

  // Before ':id', which would take "estimate" for an id.
  @Get('estimate')
  @ApiOperation({
    summary: 'What a campaign would reach, before it is started (admin): the eligible customers now, and the invitations an NPS within ±marginPoints at 95% takes',
    description: 'Rests on the NPS answers and the response rate of the last 180 days on the channel, or on safe guesses (half promoters and half detractors, the 70% target) when there are fewer than 30. Stores nothing.',
  })
  @ZodResponse(campaignEstimateSchema)
  @ApiBadRequestResponse({ description: 'policyId names no active survey policy, the channel is off, or marginPoints is out of 1-50' })
  estimate(@ZodQuery(campaignEstimateQuery) query: CampaignEstimateQuery) {
    return this.estimator.estimate(query);
  }

  @Get(':id')
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'A campaign with its progress: planned, sent, answered, silent, response rate against the 70% target' })
  @ZodResponse(campaignSchema)
  @ApiNotFoundResponse({ description: 'No such campaign' })
  get(@Param('id', UUID_PARAM) id: string) {
    return this.campaigns.get(id);
  }

  @Post(':id/cancel')
  @ApiOperation({ summary: 'Cancel a campaign (admin): invitations not yet sent are dropped; surveys already open go on' })
  @ZodResponse(campaignSchema, { description: 'Cancelled (or cancelled before)' })
  @ApiNotFoundResponse({ description: 'No such campaign' })
  cancel(@Param('id', UUID_PARAM) id: string, @CurrentPrincipal() principal: Principal) {
    return this.campaigns.cancel(id, auditActorOf(principal));
  }
}
