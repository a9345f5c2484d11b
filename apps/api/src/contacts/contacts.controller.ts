import { Get, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { type ContactInput, contactInputSchema, ContactService } from '@turbota/triggers';
import { ZodBody, ZodQuery, ZodResponse } from '@turbota/server';
import { UUID_PARAM } from '../common-params';
import { contactReportAnswerSchema, type ContactReportQuery, contactReportQuery, contactSchema } from './contact.schemas';

@ApiV1Controller('contacts', 'contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactService) {}

  @Post()
  @Roles('integration')
  @ApiOperation({
    summary: 'Report a finished contact; answers whether the customer is invited now, later (quiet hours) or not, and why',
    description:
      'Idempotent on externalId: a repeat answers the first decision, with the same status. With dryRun=true the same checks and the same decision run, and nothing is recorded: the answer is a ContactCheck.',
  })
  @ZodResponse(contactReportAnswerSchema, {
    status: 201,
    description: 'Recorded and decided (or recorded before: the first decision); with dryRun=true, decided and not recorded (a ContactCheck)',
  })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong; the message names it' })
  report(@ZodBody(contactInputSchema) input: ContactInput, @ZodQuery(contactReportQuery) query: ContactReportQuery) {
    return query.dryRun ? this.contacts.check(input) : this.contacts.report(input);
  }

  @Get(':id')
  @Roles('integration', 'supervisor', 'viewer')
  @ApiOperation({ summary: 'A reported contact, its decision and what became of the invitation' })
  @ZodResponse(contactSchema)
  @ApiNotFoundResponse({ description: 'No such contact' })
  get(@Param('id', UUID_PARAM) id: string) {
    return this.contacts.get(id);
  }
}
