import { z } from 'zod';
import { instant } from '../api-records';

/** A count of customers or invitations. */
const count = (description?: string) => (description ? z.int().min(0).meta({ description }) : z.int().min(0));

/** What a campaign asked for: a number of customers or a share of the eligible. */
const requestedSchema = z
  .union([z.strictObject({ size: z.int().min(1) }), z.strictObject({ share: z.number().gt(0).max(1) })])
  .meta({ example: { size: 400 }, description: '{ size } or { share }, as asked' });

/** A campaign with its progress, as the API answers it. */
export const campaignSchema = z
  .strictObject({
    id: z.uuid(),
    name: z.string().meta({ example: 'Q1 2027 loyalty' }),
    policyId: z.uuid(),
    status: z.enum(['active', 'cancelled']),
    channel: z.string().meta({ example: 'telegram', description: 'Only customers reachable on this channel; null: every invitation channel' }).nullable(),
    requested: requestedSchema,
    eligible: count(
      "Customers eligible at the draw: subscribed, reachable, not in a campaign for 180 days (or the policy's cool-down if longer), not invited within the policy's cool-down",
    ),
    windowStart: instant(),
    windowEnd: instant(),
    createdAt: instant(),
    cancelledAt: instant().nullable(),
    planned: count('Drawn customers whose invitation is still to go or went'),
    sent: count(),
    answered: count('Invitees who answered at least one question'),
    silent: count('Invitees silent past the answer timeout (non-responders)'),
    waiting: count('Sent, neither answered nor timed out yet'),
    cancelled: count('Invitations that did not go (opted out, unreachable, campaign cancelled)'),
    responseRate: z.number().min(0).max(1).meta({ description: 'answered / sent; null before the first invitation goes' }).nullable(),
    responseRateTarget: z.number().meta({ example: 0.7 }),
    meetsTarget: z.boolean().meta({ description: 'Whether the response rate reaches the target; null before the first invitation goes' }).nullable(),
    nextSendAt: instant().meta({ description: 'The next planned invitation; null when none is left' }).nullable(),
  })
  .meta({ id: 'Campaign' });

export const campaignListSchema = z.array(campaignSchema);
