import { Body, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { CampaignService } from '@turbota/triggers';
import { UUID_PARAM } from '../common-params';
import { CAMPAIGN_INPUT_EXAMPLES, CampaignDto, CampaignInputDto } from './campaign.dto';

@ApiV1Controller('campaigns', 'campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignService) {}

  @Post()
  @ApiOperation({
    summary: 'Start a representative campaign (admin): a uniform random sample of the eligible customers, invited across the window',
    description:
      'Invitations are planned evenly over the minutes of the window outside the policy\'s quiet hours, at most 2 a second, and sent when due; the response rate is tracked against the 70% target.',
  })
  @ApiBody({ type: CampaignInputDto, examples: CAMPAIGN_INPUT_EXAMPLES })
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiUnprocessableEntityResponse({ description: 'The window cannot hold the sample at the allowed pace' })
  create(@Body() body: unknown) {
    return this.campaigns.create(body);
  }

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOkResponse({ type: [CampaignDto] })
  list() {
    return this.campaigns.list();
  }

  @Get(':id')
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'A campaign with its progress: planned, sent, answered, silent, response rate against the 70% target' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiNotFoundResponse({ description: 'No such campaign' })
  get(@Param('id', UUID_PARAM) id: string) {
    return this.campaigns.get(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a campaign (admin): invitations not yet sent are dropped; surveys already open go on' })
  @ApiOkResponse({ type: CampaignDto })
  cancel(@Param('id', UUID_PARAM) id: string) {
    return this.campaigns.cancel(id);
  }
}
