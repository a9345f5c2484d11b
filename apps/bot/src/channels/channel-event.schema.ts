import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { CUSTOMER_COMMANDS } from './channel-grammar';

const text = z.string();
const optionalText = z.string().nullish();

const input = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), payload: z.string().optional() }),
  z.object({ kind: z.literal('scale'), value: z.number().finite() }),
  z.object({ kind: z.literal('choice'), code: text }),
  z.object({ kind: z.literal('text'), text }),
  z.object({ kind: z.literal('contact'), phone: z.string().optional(), email: z.string().optional() }),
  z.object({ kind: z.literal('voice'), fileId: text, durationSeconds: z.number().int().min(0) }),
  z.object({ kind: z.literal('command'), command: z.enum(CUSTOMER_COMMANDS) }),
]);

/**
 * What an adapter read from a verified request, checked for the kinds of its fields before
 * anything is stored: adapters read platform JSON by casting, so a number where a platform
 * sends a text would otherwise fail deep inside as a 5xx.
 */
export const channelEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('input'),
    address: text,
    key: text,
    input,
    context: z.object({ locale: z.enum(LOCALES), pointOfService: optionalText, agent: optionalText, serviceType: optionalText, customerName: z.string().optional(), surveyLink: z.string().optional() }),
    receipt: z.object({ kind: z.literal('receipt'), replyTo: text, text }).optional(),
  }),
  z.object({ kind: z.literal('delivery'), platformMessageId: text, status: z.enum(['delivered', 'seen', 'failed']), detail: z.string().optional() }),
  z.object({ kind: z.literal('watermark'), address: text, status: z.enum(['delivered', 'seen']), watermark: z.number().int().positive() }),
  z.object({ kind: z.literal('subscription'), address: text, subscribed: z.boolean() }),
]);

/** The first field of the wrong kind, as `input.text: expected string`, or undefined. */
export function wrongFieldOf(event: unknown): string | undefined {
  const result = channelEventSchema.safeParse(event);
  if (result.success) return undefined;
  const [issue] = result.error.issues;
  return `${issue.path.join('.') || 'event'}: ${issue.message}`;
}
