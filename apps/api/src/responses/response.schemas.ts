import { z } from 'zod';
import { instant } from '../api-records';

/** A stored answer as `GET /responses` lists it: what was asked and said, and the contact's attributes; no personal data. */
export const responseItemSchema = z
  .strictObject({
    id: z.uuid(),
    conversationId: z.uuid().meta({ description: 'null for an imported answer' }).nullable(),
    source: z.enum(['dialogue', 'import']).meta({ description: "dialogue: our own survey; import: another tool's answer brought in by CSV" }),
    answeredAt: instant(),
    questionCode: z.string(),
    questionType: z.string().meta({ example: 'nps' }),
    questionText: z.string().meta({ description: 'the question as the customer read it' }),
    poolId: z.uuid().nullable(),
    poolVersion: z.number().int().nullable(),
    factor: z.string().meta({ description: 'the factor a Likert question or a reason belongs to' }).nullable(),
    integral: z.boolean().meta({ description: 'the integral question (NPS, CES or CSAT) that opened the survey' }),
    score: z.number().int().nullable(),
    choice: z.string().meta({ description: 'the option chosen (its code)' }).nullable(),
    text: z.string().meta({ description: 'a free-text answer' }).nullable(),
    channel: z.string(),
    locale: z.string(),
    pointOfService: z.string().nullable(),
    agent: z.string().nullable(),
    serviceType: z.string().nullable(),
  })
  .meta({ id: 'ResponseItem' });

/** A page of `GET /responses`, newest first. */
export const responsePageSchema = z
  .strictObject({
    items: z.array(responseItemSchema),
    nextCursor: z.string().meta({ description: 'pass as cursor for the next page; null at the end' }).nullable(),
  })
  .meta({ id: 'ResponsePage' });
