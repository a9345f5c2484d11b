import { Get, UseFilters } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { PeopleService } from '@turbota/people';
import { ZodResponse } from '@turbota/server';
import { PeopleErrorFilter } from './people-errors.filter';
import { meSchema } from './people.schemas';

/** Who is calling: the signed-in person, or the API key. */
@ApiV1Controller('me', 'sign-in')
@UseFilters(PeopleErrorFilter)
export class MeController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @Roles('viewer', 'supervisor', 'integration')
  @ApiOperation({ summary: 'Who is signed in (a person) or calling (an API key)' })
  @ZodResponse(meSchema)
  me(@CurrentPrincipal() principal: Principal) {
    if (principal.kind === 'person') return this.people.profile(principal.personId);
    return { kind: 'apiKey', id: principal.keyId, name: principal.name, role: principal.role };
  }
}
