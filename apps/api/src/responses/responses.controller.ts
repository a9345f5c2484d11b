import { Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { ZodQuery, ZodResponse } from '@turbota/server';
import { responsePageSchema } from './response.schemas';
import { writeResponsesCsv } from './responses-export';
import { type ResponsesFilters, responsesExportQuerySchema, type ResponsesQuery, responsesQuerySchema } from './responses.query';
import { ResponsesService } from './responses.service';

@ApiV1Controller('responses', 'responses')
export class ResponsesController {
  constructor(private readonly responses: ResponsesService) {}

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'Stored answers with the contact attributes (channel, locale, point of service, agent, service type), newest first' })
  @ZodResponse(responsePageSchema, { description: 'A page; pass nextCursor as cursor for the next one' })
  list(@ZodQuery(responsesQuerySchema) query: ResponsesQuery) {
    return this.responses.list(query);
  }

  @Get('export')
  @Roles('viewer', 'supervisor')
  @ApiOperation({ summary: 'Every stored answer matching the filters as CSV, oldest first, streamed; no personal data and no free text' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header line', schema: { type: 'string' } })
  async export(@ZodQuery(responsesExportQuerySchema) filters: ResponsesFilters, @Res() res: Response): Promise<void> {
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="responses.csv"');
    await writeResponsesCsv(this.responses.pages(filters), res);
  }
}
