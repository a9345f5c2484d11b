import { z } from 'zod';
import { textField } from '@turbota/surveys';
import { MAX_CAMPAIGN_DAYS } from './campaign-plan';

const moment = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T09:00:00+02:00' })
  .transform((v) => new Date(v));

/** `POST /campaigns`: exactly one of `size` and `share`; the window ends after it starts. */
export const campaignInputSchema = z
  .strictObject({
    name: textField(200).meta({ example: 'Q1 2027 loyalty' }),
    policyId: z.uuid('must be the id of a survey policy').meta({ description: 'The survey policy (and so its question pool, quiet hours, answer timeout) the invitations use' }),
    size: z
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1_000_000, 'takes at most 1,000,000')
      .meta({ example: 400, description: 'How many customers to draw (all eligible when fewer); give this or share' })
      .optional(),
    share: z
      .number('must be a number')
      .gt(0, 'must be above 0')
      .max(1, 'must be at most 1')
      .meta({
        example: 0.25,
        description: 'What part of the eligible customers to draw, rounded to the nearest whole customer, halves up (0.25 of 10 is 3), at least 1; give this or size',
      })
      .optional(),
    windowStart: moment.meta({ example: '2027-01-10T09:00:00+02:00', description: 'Invitations go from here (or from now, when this has passed)' }),
    windowEnd: moment.meta({ example: '2027-01-17T21:00:00+02:00', description: `until here, at most ${MAX_CAMPAIGN_DAYS} days after windowStart; in the future` }),
    channel: z.string('must be a string').trim().toLowerCase().min(1, 'must not be empty').meta({ example: 'telegram', description: 'Only customers reachable on this channel' }).optional(),
  })
  .superRefine((input, ctx) => {
    if ((input.size === undefined) === (input.share === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['size'], message: 'give either size (how many customers) or share (what part of the eligible), not both or neither' });
    }
    // A field that failed its own check is reported already (zod still runs this with what it has).
    if (!(input.windowStart instanceof Date) || !(input.windowEnd instanceof Date)) return;
    const span = input.windowEnd.getTime() - input.windowStart.getTime();
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'must be after windowStart' });
    if (span > MAX_CAMPAIGN_DAYS * 86_400_000) ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: `must be at most ${MAX_CAMPAIGN_DAYS} days after windowStart` });
  })
  // Size and share exclude each other, so the whole body's example names one of them.
  .meta({
    id: 'CampaignInput',
    example: { name: 'Q1 2027 loyalty', policyId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', size: 400, windowStart: '2027-01-10T09:00:00+02:00', windowEnd: '2027-01-17T21:00:00+02:00' },
  });

export type CampaignInput = z.infer<typeof campaignInputSchema>;
