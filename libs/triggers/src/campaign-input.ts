import { z } from 'zod';
import { textField } from '@turbota/surveys';
import { MAX_CAMPAIGN_DAYS } from './campaign-plan';

const moment = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T09:00:00+02:00' })
  .transform((v) => new Date(v));

/** `POST /campaigns`: exactly one of `size` and `share`; the window ends after it starts. */
export const campaignInputSchema = z
  .strictObject({
    name: textField(200),
    policyId: z.uuid('must be the id of a survey policy'),
    size: z.int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'takes at most 1,000,000').optional(),
    share: z.number('must be a number').gt(0, 'must be above 0').max(1, 'must be at most 1').optional(),
    windowStart: moment,
    windowEnd: moment,
    channel: z.string('must be a string').trim().toLowerCase().min(1, 'must not be empty').optional(),
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
  });

export type CampaignInput = z.infer<typeof campaignInputSchema>;
