import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { parseOrThrow } from '@turbota/server';
import { ResponsesQueryDoc, responsesQuerySchema } from './responses.query';
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
}
