import { Post, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOperation, ApiPayloadTooLargeResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { ZodResponse } from '@turbota/server';
import { responsesImportResultSchema } from './import-results.schemas';
import { IMPORT_HEADER } from './responses-import.rows';
import { ResponsesImportService } from './responses-import.service';

@ApiV1Controller('imports/responses', 'imports')
export class ResponsesImportController {
  constructor(private readonly imports: ResponsesImportService) {}

  /** The body is read as a stream (no body parser takes text/csv), so a large file never sits in memory. */
  @Post()
  @Roles('integration')
  @ApiOperation({ summary: 'Import answers another tool collected (NPS 0-10, CES 1-7, CSAT 1-5) from CSV; valid lines are stored, the others reported with their line numbers' })
  @ApiConsumes('text/csv')
  @ApiBody({ description: `CSV with the header ${IMPORT_HEADER.join(',')}`, schema: { type: 'string' } })
  @ZodResponse(responsesImportResultSchema, { description: 'The answers stored, and the lines refused' })
  @ApiBadRequestResponse({ description: 'The header is wrong (names the missing or unknown columns) or the file is empty' })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than 100 MB (with `importId` and `storedThroughLine` when some batches were stored before)' })
  @ApiServiceUnavailableResponse({ description: 'The database failed half way: `{ importId, accepted, storedThroughLine, rejected, rejectedCount }` say what is stored; resend the lines after `storedThroughLine`' })
  import(@Req() req: Request) {
    if (!req.is('text/csv')) throw new UnsupportedMediaTypeException('Content-Type must be text/csv');
    return this.imports.import(req);
  }
}
