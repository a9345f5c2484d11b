import { z } from 'zod';
import { isTimeZone, textField } from '@turbota/surveys';
import { pointCodeSchema } from './point-code';

const fields = {
  code: pointCodeSchema,
  name: textField(200),
  address: textField(500).nullable().optional(),
  timeZone: z.string('must be a string').refine(isTimeZone, 'must be an IANA time zone such as Europe/Kyiv').nullable().optional(),
};

/** A new point of service. */
export const pointInputSchema = z.strictObject(fields);

/** A change to a point: only the fields given. */
export const pointChangeSchema = z.strictObject(fields).partial();

export type PointInput = z.infer<typeof pointInputSchema>;
export type PointChange = z.infer<typeof pointChangeSchema>;

export const QR_TARGETS = ['webchat', 'telegram', 'viber'] as const;
export const QR_FORMATS = ['svg', 'png'] as const;

/** `GET /points/{id}/qr?target=&format=`. */
export const qrQuerySchema = z.strictObject({
  target: z.enum(QR_TARGETS, `target must be one of ${QR_TARGETS.join(', ')}`).default('webchat'),
  format: z.enum(QR_FORMATS, `format must be one of ${QR_FORMATS.join(', ')}`).default('svg'),
});

export type QrQuery = z.infer<typeof qrQuerySchema>;
export type QrTarget = (typeof QR_TARGETS)[number];
