import { Get, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ApiV1Controller, Roles } from '@turbota/auth';
import { ZodQuery, ZodResponse } from '@turbota/server';
import { UUID_PARAM } from '../common-params';
import { type DeliveriesQuery, deliveriesQuerySchema } from './deliveries.query';
import { DeliveriesService } from './deliveries.service';
import { deliveryPageSchema, deliverySchema } from './delivery.schemas';

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

  @Post(':id/retry')
  @ApiOperation({
    summary: 'Send a failed message again (admin): it goes back in the outbox in its chat\'s order, the same message, never a copy',
    description:
      'Allowed where what failed it may have passed: a platform outage or a network failure, a rate limit, credentials since fixed, an unexplained failure. Its attempts start afresh; the bot sends it within its channel\'s limits. Refused when the customer blocked the bot or cannot be reached on this channel, opted out or was erased, or when the platform refused the message as it is (`retryRefusal` of `GET /deliveries` says which before you try).',
  })
  @ZodResponse(deliverySchema, { description: 'Back in the queue: the message, now pending' })
  @ApiNotFoundResponse({ description: 'No outgoing message has this id' })
  @ApiConflictResponse({ description: 'The message is pending (already waiting, e.g. retried before) or was delivered' })
  @ApiUnprocessableEntityResponse({ description: 'The failure is one a retry cannot cure; the message says why' })
  retry(@Param('id', UUID_PARAM) id: string) {
    return this.deliveries.retry(id);
  }
}
