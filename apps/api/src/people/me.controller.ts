import { BadRequestException, Delete, Get, HttpCode, Post, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { PeopleService, SlackLinkCodes } from '@turbota/people';
import { ZodResponse } from '@turbota/server';
import { PeopleErrorFilter } from './people-errors.filter';
import { meSchema, slackLinkCodeSchema } from './people.schemas';

/** Who is calling: the signed-in person, or the API key. */
@ApiV1Controller('me', 'sign-in')
@UseFilters(PeopleErrorFilter)
export class MeController {
  constructor(
    private readonly people: PeopleService,
    private readonly slackLinkCodes: SlackLinkCodes,
  ) {}

  @Get()
  @Roles('viewer', 'supervisor', 'integration')
  @ApiOperation({ summary: 'Who is signed in (a person) or calling (an API key)' })
  @ZodResponse(meSchema)
  me(@CurrentPrincipal() principal: Principal) {
    if (principal.kind === 'person') return this.people.profile(principal.personId);
    return { kind: 'apiKey', id: principal.keyId, name: principal.name, role: principal.role };
  }

  @Post('slack-link')
  @Roles('viewer', 'supervisor')
  @ApiOperation({
    summary: 'A one-time code that links the Slack user who types it to you: what you do in Slack is then recorded as done by you, as in the console',
    description:
      "Type the answer's `command` in Slack (`/turbota link ABCD-2345`) within 10 minutes; the code works once, and a new one replaces it. Turbota also links your Slack user by itself the first time you act in Slack, when your Slack e-mail is your e-mail here.",
  })
  @ZodResponse(slackLinkCodeSchema, { status: 201, description: 'A new code' })
  @ApiBadRequestResponse({ description: 'An API key, which is no person' })
  slackLinkCode(@CurrentPrincipal() principal: Principal) {
    return this.slackLinkCodes.issue(personOf(principal));
  }

  @Delete('slack')
  @Roles('viewer', 'supervisor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unlink your Slack user: your Slack actions are recorded as the Slack user again' })
  @ApiNoContentResponse({ description: 'Unlinked (or there was no link)' })
  @ApiBadRequestResponse({ description: 'An API key, which is no person' })
  async unlinkSlack(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.people.unlinkSlack(personOf(principal));
  }
}

function personOf(principal: Principal): string {
  if (principal.kind === 'person') return principal.personId;
  throw new BadRequestException('An API key is no person and has no Slack user: sign in to the console');
}
