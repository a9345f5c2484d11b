import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { ZodQuery, ZodResponse } from '@turbota/server';
import { type DeliveriesQuery, deliveriesQuerySchema } from './deliveries.query';
import { DeliveriesService } from './deliveries.service';
import { deliveryPageSchema } from './delivery.schemas';

@ApiV1Controller('deliveries', 'deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @Roles('supervisor', 'viewer')
  @ApiOperation({ summary: 'Outgoing messages and how their delivery went: pending, sent, or failed with the reason' })
  @ZodResponse(deliveryPageSchema, {
    description:
      "A page, newest first; pass nextCursor as cursor for the next one. Message texts are not included; a failure shows as a category with the platform's HTTP status, never the platform's response or an address",
  })
  list(@ZodQuery(deliveriesQuerySchema) query: DeliveriesQuery) {
    return this.deliveries.list(query);
  }
}
