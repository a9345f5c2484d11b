import { z } from 'zod';
import { instant } from '../api-records';
import { DELIVERY_STATUSES } from './deliveries.query';
import { FAILURE_CATEGORIES, RETRY_REFUSALS } from './delivery-failure';

/** An outgoing message's delivery as `GET /deliveries` lists it: never its text (it may greet the customer by name). */
export const deliverySchema = z
  .strictObject({
    id: z.uuid(),
    channel: z.string().meta({ example: 'telegram' }),
    conversationId: z.uuid().nullable(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int().min(0),
    lastError: z
      .string()
      .meta({ description: 'why the last attempt failed, in one line of ours', example: 'rejected (HTTP 400): the platform refused this message' })
      .nullable(),
    failure: z
      .strictObject({
        category: z.enum(FAILURE_CATEGORIES),
        httpStatus: z.number().int().meta({ description: "the platform's HTTP status; null when there was none (a network failure, a platform code)" }).nullable(),
        reason: z.string().meta({ description: "one short sentence of ours, never the platform's response or an address" }),
      })
      .meta({ id: 'DeliveryFailure', description: 'why the message is not out, typed' })
      .nullable(),
    retryable: z.boolean().meta({ description: 'a failed message that POST /deliveries/{id}/retry would put back in the queue' }),
    retryRefusal: z
      .enum(RETRY_REFUSALS)
      .meta({
        description:
          'why a failed message may not be sent again: the customer erased, opted out or unreachable on this channel, or the platform refused the message as it is; null when it may, or when it did not fail',
      })
      .nullable(),
    createdAt: instant(),
    sentAt: instant().nullable(),
  })
  .meta({ id: 'Delivery' });

/** A page of `GET /deliveries`, newest first. */
export const deliveryPageSchema = z
  .strictObject({
    items: z.array(deliverySchema),
    nextCursor: z.string().meta({ description: 'pass as cursor for the next page; null at the end' }).nullable(),
  })
  .meta({ id: 'DeliveryPage' });
