import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { parseOrThrow } from '@turbota/server';
import { DeliveriesQueryDoc, deliveriesQuerySchema } from './deliveries.query';
import { DeliveriesService } from './deliveries.service';

@ApiV1Controller('deliveries', 'deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @Roles('supervisor', 'viewer')
  @ApiOperation({ summary: 'Outgoing messages and how their delivery went: pending, sent, or failed with the reason' })
  @ApiQuery({ type: DeliveriesQueryDoc })
  @ApiOkResponse({ description: '`{ items, nextCursor }`, newest first; message texts are not included; a failure shows as a category (`failure.category`: rate_limited, recipient_blocked, bad_credentials, temporary, rejected, erased, other) with the platform\'s HTTP status, never the platform\'s response or an address' })
  list(@Query() query: unknown) {
    return this.deliveries.list(parseOrThrow(deliveriesQuerySchema, query));
  }
}
