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
  })
  .meta({
    id: 'PointGreeting',
    description: `What a walk-in hears first here instead of the generic greeting, per language, up to ${GREETING_MAX} characters each; a language left out gets the generic greeting`,
    example: { uk: 'Дякуємо, що завітали до відділення на Хрещатику!', en: 'Thank you for visiting our Khreshchatyk branch!' },
  });

/** A point's fields as written; the API's answers carry the same ones. */
export const pointFields = {
  code: pointCodeSchema.meta({ example: 'kyiv-central', description: '1-64 letters, digits, _ or -; unique; travels in the web chat and messenger links' }),
  name: textField(200).meta({ example: 'Kyiv, Khreshchatyk branch' }),
  address: textField(500).meta({ example: 'Khreshchatyk St, 22' }).nullable().optional(),
  timeZone: z
    .string('must be a string')
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Kyiv')
    .meta({ example: 'Europe/Kyiv', description: "IANA time zone; a policy's quiet hours are read in it for the point's contacts" })
    .nullable()
    .optional(),
  policyId: z
    .uuid('must be the id of a survey policy')
    .meta({ description: "The active survey policy (and so the pool) of walk-in surveys started from the point's QR code or deep links; null: the default policy" })
    .nullable()
    .optional(),
  greeting: greetingSchema.nullable().optional(),
};

/** A new point of service. */
export const pointInputSchema = z.strictObject(pointFields).meta({ id: 'PointInput' });

/** A change to a point: only the fields given. */
export const pointChangeSchema = z.strictObject(pointFields).partial().meta({ id: 'PointChange' });

export type PointInput = z.infer<typeof pointInputSchema>;
export type PointChange = z.infer<typeof pointChangeSchema>;

export const QR_TARGETS = ['webchat', 'telegram', 'viber'] as const;
export const QR_FORMATS = ['svg', 'png'] as const;

/** `GET /points/{id or code}/qr?target=&format=`. */
export const qrQuerySchema = z.strictObject({
  target: z
    .enum(QR_TARGETS, `target must be one of ${QR_TARGETS.join(', ')}`)
    .default('webchat')
    .meta({ description: 'webchat: <PUBLIC_URL or the address asked>/chat?point=<code>; telegram: t.me deep link; viber: viber://pa deep link' }),
  format: z
    .enum(QR_FORMATS, `format must be one of ${QR_FORMATS.join(', ')}`)
    .default('svg')
    .meta({ description: 'svg scales freely; png is 512 px (a counter sticker)' }),
});

export type QrQuery = z.infer<typeof qrQuerySchema>;
export type QrTarget = (typeof QR_TARGETS)[number];
