import { Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { parseOrThrow } from '@turbota/server';
import { writeResponsesCsv } from './responses-export';
import { ResponsesExportQueryDoc, responsesExportQuerySchema, ResponsesQueryDoc, responsesQuerySchema } from './responses.query';
import { ResponsesService } from './responses.service';

@ApiV1Controller('responses', 'responses')
export class ResponsesController {
  constructor(private readonly responses: ResponsesService) {}

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'Stored answers with the contact attributes (channel, locale, point of service, agent, service type), newest first' })
  @ApiQuery({ type: ResponsesQueryDoc })
  @ApiOkResponse({ description: '`{ items, nextCursor }`; pass nextCursor as cursor for the next page (null at the end)' })
  list(@Query() query: unknown) {
    return this.responses.list(parseOrThrow(responsesQuerySchema, query));
  }

  @Get('export')
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'Every stored answer matching the filters as CSV, oldest first, streamed; no personal data and no free text' })
  @ApiQuery({ type: ResponsesExportQueryDoc })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv with a header line' })
  async export(@Query() query: unknown, @Res() res: Response): Promise<void> {
    const filters = parseOrThrow(responsesExportQuerySchema, query);
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="responses.csv"');
    await writeResponsesCsv(this.responses.pages(filters), res);
  }
}
