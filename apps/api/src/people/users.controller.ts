import { Delete, Get, HttpCode, Param, Patch, Post, Req, UseFilters } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiV1Controller, auditActorOf, CurrentPrincipal, type Principal, requestOrigin, Roles } from '@turbota/auth';
import { IncidentService } from '@turbota/incidents';
import { PeopleService, type UserChange, userChangeSchema, type UserInput, userInputSchema } from '@turbota/people';
import { ZodBody, ZodResponse } from '@turbota/server';
import { UUID_PARAM } from '../common-params';
import { actorOf } from '../incidents/incidents-api.service';
import { PeopleErrorFilter } from './people-errors.filter';
import { assignableListSchema, createdUserSchema, invitationLinkSchema, userListSchema, userSchema } from './people.schemas';

/** People who sign in to the console, managed by admins. */
@ApiV1Controller('users', 'people')
@UseFilters(PeopleErrorFilter)
export class UsersController {
  constructor(
    private readonly people: PeopleService,
    private readonly incidents: IncidentService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Invite a person (admin)',
    description: 'Answers a one-time link valid 72 hours (`inviteUrl`, starting with PUBLIC_URL or the address this request came to); with SMTP_URL set it is e-mailed too.',
  })
  @ZodResponse(createdUserSchema, { status: 201, description: 'Invited' })
  @ApiConflictResponse({ description: 'A person with that e-mail exists' })
  invite(@ZodBody(userInputSchema) input: UserInput, @Req() req: Request, @CurrentPrincipal() principal: Principal) {
    return this.people.invite(input, { requestOrigin: requestOrigin(req), by: auditActorOf(principal) });
  }

  @Get()
  @ApiOperation({ summary: 'Every person, invited, active or deactivated (admin)' })
  @ZodResponse(userListSchema)
  list() {
    return this.people.list();
  }

  // Before `:id`, which would take the word for an id.
  @Get('assignable')
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'The people who may own incidents (active supervisors and admins): id and name, to choose an owner or filter by one' })
  @ZodResponse(assignableListSchema)
  assignable() {
    return this.incidents.owners();
  }

  @Get(':id')
  @ZodResponse(userSchema)
  @ApiNotFoundResponse({ description: 'No person has that id' })
  get(@Param('id', UUID_PARAM) id: string) {
    return this.people.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a person's role, display name or linked Slack user (admin)", description: 'slackUserId: null unlinks the Slack user.' })
  @ZodResponse(userSchema)
  @ApiNotFoundResponse({ description: 'No person has that id' })
  @ApiConflictResponse({ description: 'The last active admin would lose the admin role, or another person has linked that Slack user' })
  update(@Param('id', UUID_PARAM) id: string, @ZodBody(userChangeSchema) change: UserChange, @CurrentPrincipal() principal: Principal) {
    return this.people.update(id, change, auditActorOf(principal));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Deactivate a person (admin): their sessions and unused links end at once',
    description: 'The open incidents they own become nobody\'s, each with an unassign in its history by the caller.',
  })
  @ApiNoContentResponse({ description: 'Deactivated' })
  @ApiNotFoundResponse({ description: 'No person has that id' })
  @ApiConflictResponse({ description: 'This is the last active admin' })
  deactivate(@Param('id', UUID_PARAM) id: string, @CurrentPrincipal() principal: Principal) {
    return this.people.deactivate(id, actorOf(principal));
  }

  @Post(':id/invitation')
  @ApiOperation({ summary: 'A new invitation link for a person who has not accepted yet (admin); the earlier one stops working' })
  @ZodResponse(invitationLinkSchema, { status: 201, description: 'A new link' })
  @ApiNotFoundResponse({ description: 'No person has that id' })
  @ApiConflictResponse({ description: 'The person has accepted already or is deactivated' })
  reinvite(@Param('id', UUID_PARAM) id: string, @Req() req: Request) {
    return this.people.reinvite(id, { requestOrigin: requestOrigin(req) });
  }
}
