import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { CUSTOMER_TEXT_LIMIT, type DialogueInput } from '@turbota/dialogue';
import { pointCodeSchema } from '@turbota/points';
import { CODE } from '@turbota/surveys';
import { CUSTOMER_COMMANDS } from '../channel-grammar';

/**
 * The point of service a QR link names: a point code by the points' one rule. Anything else
 * (free text) is not refused, so the customer's survey still runs, but it becomes `null`
 * ("given, not a code") and the words go no further; registration is checked when the session opens.
 */
export const GIVEN_POINT = z.union([pointCodeSchema, z.string().max(1000, 'point takes at most 1000 characters').transform(() => null)]);

export const openSessionSchema = z.strictObject({
  locale: z.enum(LOCALES, `locale must be one of ${LOCALES.join(', ')}`),
  point: GIVEN_POINT.optional(),
  session: z.string().max(100).optional(),
  /** A personal survey link's token (`/chat/s/<token>`): the contact's survey instead of a new one. */
  link: z.string().max(100).optional(),
  /** The score an e-mail's button gave (`/chat/s/<token>?answer=9`): the first question's answer, given as the survey opens. */
  answer: z.number().int('answer must be a whole score').min(0, 'answer is a score of 0-10').max(10, 'answer is a score of 0-10').optional(),
});

/** What the page may send; the same channel-neutral inputs every channel produces. */
const inputSchema: z.ZodType<DialogueInput> = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('scale'), value: z.number().int().min(0).max(10) }),
    // A choice is a code a button of the other channels can carry too.
    z.strictObject({ kind: z.literal('choice'), code: z.string().regex(CODE, 'code must be an answer code: 1-60 lower-case letters, digits, "_", "-" or "."') }),
    z.strictObject({
      kind: z.literal('text'),
      text: z.string().trim().min(1, 'text must not be empty').max(CUSTOMER_TEXT_LIMIT, `text takes at most ${CUSTOMER_TEXT_LIMIT} characters`),
    }),
    z
      .strictObject({ kind: z.literal('contact'), phone: z.string().max(40).optional(), email: z.string().max(254).optional() })
      .refine((c) => Boolean(c.phone) !== Boolean(c.email), 'a contact is a phone or an e-mail'),
    z.strictObject({ kind: z.literal('command'), command: z.enum(CUSTOMER_COMMANDS) }),
  ],
  'input.kind must be one of scale, choice, text, contact, command',
);

export const sendInputSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'id must be 8-64 letters, digits or "-" (a UUID per action)'),
  input: inputSchema,
});

/** A bubble of the conversation as the page shows it. */
export interface ChatMessageView {
  id: string;
  from: 'bot' | 'customer';
  at: string;
  text?: string;
  prompt?: unknown;
}
