import { Post, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOperation, ApiPayloadTooLargeResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { ZodResponse } from '@turbota/server';
import { CONTACT_IMPORT_COLUMNS, ContactImportService } from '@turbota/triggers';
import { contactImportResultSchema } from './import-results.schemas';

@ApiV1Controller('imports/contacts', 'imports')
export class ContactsImportController {
  constructor(private readonly imports: ContactImportService) {}

  /** The body is read as a stream (no body parser takes text/csv), so a large file never sits in memory. */
  @Post()
  @Roles('integration')
  @ApiOperation({
    summary: 'Import finished contacts from CSV; each line is decided exactly as POST /contacts would decide it',
    description: [
      `Columns (camelCase, as the fields of POST /contacts with the customer's flattened): ${CONTACT_IMPORT_COLUMNS.join(',')}.`,
      'externalId, channel, address and occurredAt are required; any column may be left out of the header, an empty cell is an absent field.',
      'Idempotent on externalId: a line already reported (by the API or an earlier import) counts with its first decision.',
      'A line is recorded whole or refused with its line number (1 is the header) and the reason.',
      'Invitations go through the outbox, which sends within each platform\'s rate limit, so a large import queues them rather than flooding the messenger.',
    ].join(' '),
  })
  @ApiConsumes('text/csv')
  @ApiBody({ description: `CSV with the header ${CONTACT_IMPORT_COLUMNS.join(',')}`, schema: { type: 'string' } })
  @ZodResponse(contactImportResultSchema, { description: 'The lines accepted, their decisions, and the lines refused' })
  @ApiBadRequestResponse({ description: 'The header is wrong (names the unknown, repeated or missing columns) or the file is empty' })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than 200 MB' })
  import(@Req() req: Request) {
    if (!req.is('text/csv')) throw new UnsupportedMediaTypeException('Content-Type must be text/csv');
    return this.imports.import(req);
  }
}
