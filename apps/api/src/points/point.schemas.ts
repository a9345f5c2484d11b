import { z } from 'zod';
import { pointFields, QR_TARGETS } from '@turbota/points';
import { apiRecord } from '../api-records';

/** A point of service as the API answers it. */
export const pointSchema = apiRecord('Point', {
  code: pointFields.code,
  name: pointFields.name,
  address: pointFields.address.unwrap(),
  timeZone: pointFields.timeZone.unwrap(),
  policyId: pointFields.policyId.unwrap(),
  greeting: pointFields.greeting.unwrap(),
});

/** `{id}` of `GET /points/{id}` and its QR code: the point's id or its code. */
export const ID_OR_CODE = { name: 'id', description: "The point's id (a UUID) or its code", example: 'kyiv-central' } as const;

export const pointListSchema = z.array(pointSchema);

/** One of a point's links: what its QR code carries, or why there is none. */
export const pointLinkSchema = z
  .strictObject({
    target: z.enum(QR_TARGETS).meta({ description: 'webchat, telegram or viber' }),
    url: z.string().nullable().meta({ description: 'The link its QR code carries; null when it cannot be made', example: 'https://t.me/turbota_bot?start=kyiv-central' }),
    missing: z
      .enum(['off', 'unreachable'])
      .nullable()
      .meta({ description: 'null: the link exists; off: the channel is not configured (for the web chat: no address customers reach Turbota at); unreachable: the messenger could not be asked for the bot\'s name just now' }),
    reason: z.string().nullable().meta({ description: 'What is missing and how to fix it (English); null when the link exists' }),
  })
  .meta({ id: 'PointLink' });

/** `GET /points/{id}/links`: the web chat's, Telegram's and Viber's, in that order. */
export const pointLinkListSchema = z.array(pointLinkSchema);
