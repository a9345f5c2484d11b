import { Get, Headers, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiServiceUnavailableResponse, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiV1Controller, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { openApiSchemaOf, ZodQuery } from '@turbota/server';
import { liveEventSchema, type LiveQuery, liveQuerySchema } from './live.schemas';
import { LiveStreams } from './live-streams';

@ApiV1Controller('events', 'live')
export class LiveController {
  constructor(private readonly streams: LiveStreams) {}

  @Get()
  @Roles('viewer', 'supervisor')
  @ApiOperation({
    summary: 'Server-sent events: which incidents and problems changed, by anyone, as it happens',
    description:
      'Each event names what changed and its status and version now, never its contents: read it again through the API. ' +
      'Resumes after `Last-Event-ID` (or `lastEventId`); a comment every 25 s keeps it open; it ends when the session ends or the key is revoked.',
  })
  @ApiProduces('text/event-stream')
  @ApiResponse({ status: 200, description: 'The stream; each event\'s data is one LiveEvent', content: { 'text/event-stream': { schema: openApiSchemaOf(liveEventSchema, 'output') } } })
  @ApiTooManyRequestsResponse({ description: 'You hold as many live streams as one person (or key) may in one process; Retry-After says when to try again' })
  @ApiServiceUnavailableResponse({ description: 'This process holds as many live streams as it may; Retry-After says when to try again' })
  events(
    @ZodQuery(liveQuerySchema) query: LiveQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.streams.serve(principal, lastEventId ?? query.lastEventId, req, res);
  }
}
