import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { isTimeZone, textField } from '@turbota/surveys';
import { pointCodeSchema } from './point-code';

/** The longest greeting: it goes before the first question, in one message. */
export const GREETING_MAX = 500;

/** What a walk-in hears first at the point, in some or all languages (the others get the generic greeting). */
const greetingSchema = z
  .strictObject(Object.fromEntries(LOCALES.map((locale) => [locale, textField(GREETING_MAX).optional()])) as Record<(typeof LOCALES)[number], z.ZodOptional<ReturnType<typeof textField>>>)
  .refine((texts) => Object.values(texts).some(Boolean), {
    message: `must give a text in at least one of ${LOCALES.join(', ')}`,
    // An unknown language is reported alone, not also as "no text at all".
    when: (payload) => payload.issues.length === 0,
  });

const fields = {
  code: pointCodeSchema,
  name: textField(200),
  address: textField(500).nullable().optional(),
  timeZone: z.string('must be a string').refine(isTimeZone, 'must be an IANA time zone such as Europe/Kyiv').nullable().optional(),
  policyId: z.uuid('must be the id of a survey policy').nullable().optional(),
  greeting: greetingSchema.nullable().optional(),
};

/** A new point of service. */
export const pointInputSchema = z.strictObject(fields);

/** A change to a point: only the fields given. */
export const pointChangeSchema = z.strictObject(fields).partial();

export type PointInput = z.infer<typeof pointInputSchema>;
export type PointChange = z.infer<typeof pointChangeSchema>;

export const QR_TARGETS = ['webchat', 'telegram', 'viber'] as const;
export const QR_FORMATS = ['svg', 'png'] as const;

/** `GET /points/{id or code}/qr?target=&format=`. */
export const qrQuerySchema = z.strictObject({
  target: z.enum(QR_TARGETS, `target must be one of ${QR_TARGETS.join(', ')}`).default('webchat'),
  format: z.enum(QR_FORMATS, `format must be one of ${QR_FORMATS.join(', ')}`).default('svg'),
});

export type QrQuery = z.infer<typeof qrQuerySchema>;
export type QrTarget = (typeof QR_TARGETS)[number];
