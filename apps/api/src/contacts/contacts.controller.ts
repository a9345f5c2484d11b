import { Body, Get, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { ContactService } from '@turbota/triggers';
import { UUID_PARAM } from '../common-params';
import { ContactDecisionDto, ContactDto, ContactInputDto } from './contact.dto';

@ApiV1Controller('contacts', 'contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactService) {}

  @Post()
  @Roles('integration')
  @ApiOperation({
    summary: 'Report a finished contact; answers whether the customer is invited now, later (quiet hours) or not, and why',
    description: 'Idempotent on externalId: a repeat answers the first decision, with the same status.',
  })
  @ApiBody({ type: ContactInputDto })
  @ApiCreatedResponse({ type: ContactDecisionDto })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong; the message names it' })
  report(@Body() body: unknown) {
    return this.contacts.report(body);
  }

  @Get(':id')
  @Roles('integration', 'supervisor', 'viewer')
  @ApiOperation({ summary: 'A reported contact, its decision and what became of the invitation' })
  @ApiOkResponse({ type: ContactDto })
  get(@Param('id', UUID_PARAM) id: string) {
    return this.contacts.get(id);
  }
}
