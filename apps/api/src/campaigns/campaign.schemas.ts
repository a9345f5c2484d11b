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

/** What an estimate rests on: the answers and invitations of the last days, when there are enough of them. */
export const ESTIMATE_BASIS = { lookBackDays: 180, minObserved: 30 } as const;


/** `GET /campaigns/estimate`: the campaign being planned, and the NPS margin it should reach. */
export const campaignEstimateQuery = z.strictObject({
  policyId: z.uuid('must be the id of a survey policy').meta({ description: 'The survey policy the campaign would use (its cool-down decides who is eligible)' }),
  channel: z.string('must be a string').trim().toLowerCase().min(1, 'must not be empty').optional().meta({ example: 'telegram', description: 'Only customers reachable on this channel' }),
  marginPoints: z.coerce
    .number('must be a number')
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(50, 'must be at most 50')
    .default(5)
    .meta({ description: 'The half-width of the NPS interval wanted, in NPS points at 95% (5 means ±5)' }),
});
export type CampaignEstimateQuery = z.infer<typeof campaignEstimateQuery>;

const share = z.number().min(0).max(1);

/** What a campaign would reach, as the API answers it. */
export const campaignEstimateSchema = z
  .strictObject({
    eligible: z.int().min(0).meta({ description: 'Customers a campaign would draw from now (the same count POST /campaigns reports as eligible)' }),
    channels: z.array(z.string()).meta({ description: 'The channels that are on and can invite: what channel may name' }),
    marginPoints: z.int().meta({ example: 5 }),
    answersNeeded: z.int().min(0).meta({ description: 'Answers that put the NPS within ±marginPoints at 95%, corrected for the eligible population' }),
    invitationsNeeded: z.int().min(0).meta({ description: 'answersNeeded at the expected response rate: the size to ask for' }),
    enough: z.boolean().meta({ description: 'Whether the eligible customers can give that many answers' }),
    marginIfAllInvited: z.number().nullable().meta({ description: 'The margin (±points) inviting every eligible customer would reach; null when none is eligible' }),
    basis: z
      .strictObject({
        shares: z.enum(['observed', 'worst case']).meta({ description: `observed: the last ${ESTIMATE_BASIS.lookBackDays} days' NPS answers (at least ${ESTIMATE_BASIS.minObserved}); worst case: half promoters, half detractors` }),
        npsAnswers: z.int().min(0),
        promoters: share,
        detractors: share,
        responseRate: share.meta({ description: `The expected response rate: observed over the last ${ESTIMATE_BASIS.lookBackDays} days' invitations (at least ${ESTIMATE_BASIS.minObserved}), else the target` }),
        responseRateObserved: z.boolean(),
      })
      .meta({ description: 'What the estimate rests on' }),
  })
  .meta({ id: 'CampaignEstimate' });
export type CampaignEstimate = z.infer<typeof campaignEstimateSchema>;
