import { z } from 'zod';
import { pointFields } from '@turbota/points';
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
