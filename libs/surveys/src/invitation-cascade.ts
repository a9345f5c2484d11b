import { z } from 'zod';

/**
 * Every channel an invitation can name, whether or not it is on in this installation: a
 * policy may list a channel before its credentials are set, and the step is skipped until then.
 */
export const INVITATION_CHANNEL_NAMES = ['telegram', 'viber', 'messenger', 'whatsapp', 'slack', 'botframework', 'sms', 'email'] as const;
export type InvitationChannelName = (typeof INVITATION_CHANNEL_NAMES)[number];

/** One step of an invitation cascade: the channel, and how long to wait for an answer before the next step. */
export interface CascadeStep {
  channel: InvitationChannelName;
  /** Minutes before the next step goes; absent on the last step, which waits for the answer timeout. */
  waitMinutes?: number;
}

/** The shortest wait between two steps: a delivery report and a first tap need a few minutes. */
export const MIN_CASCADE_WAIT_MINUTES = 5;
export const MAX_CASCADE_STEPS = 6;

const cascadeStepSchema = z
  .strictObject({
    channel: z.enum(INVITATION_CHANNEL_NAMES, `must be one of ${INVITATION_CHANNEL_NAMES.join(', ')}`).meta({ description: 'The channel this step invites on', example: 'viber' }),
    waitMinutes: z
      .number('must be a number')
      .int('must be a whole number')
      .min(MIN_CASCADE_WAIT_MINUTES, `must be at least ${MIN_CASCADE_WAIT_MINUTES} minutes`)
      .max(43200)
      .optional()
      .meta({ description: 'Minutes to wait for an answer before the next step goes; required on every step but the last', example: 30 }),
  })
  .meta({ id: 'CascadeStep', description: 'A channel of the cascade and how long it waits for an answer' });

/**
 * The channels an invitation tries in order; empty: the contact's own channel only. The next
 * step goes when the previous one was not delivered, or not answered within its wait.
 */
export const cascadeSchema = z
  .array(cascadeStepSchema)
  .max(MAX_CASCADE_STEPS, `takes at most ${MAX_CASCADE_STEPS} steps`)
  .superRefine((steps, ctx) => {
    const seen = new Set<string>();
    steps.forEach((step, i) => {
      if (seen.has(step.channel)) ctx.addIssue({ code: 'custom', path: [i, 'channel'], message: `lists ${step.channel} twice: each channel is tried once` });
      seen.add(step.channel);
      const last = i === steps.length - 1;
      if (!last && step.waitMinutes === undefined) ctx.addIssue({ code: 'custom', path: [i, 'waitMinutes'], message: 'is required: the next step goes after this wait' });
      if (last && step.waitMinutes !== undefined) {
        ctx.addIssue({ code: 'custom', path: [i, 'waitMinutes'], message: 'must be left out on the last step: it waits until answerTimeoutMinutes' });
      }
    });
  })
  .meta({
    description: `Channels to invite on in order (${INVITATION_CHANNEL_NAMES.join(', ')}), e.g. [{"channel":"viber","waitMinutes":30},{"channel":"sms"}]; the next one goes when the previous was not delivered or not answered within its wait. The customer's own channel goes first when listed. Needs reminderAfterMinutes null. Empty: invite on the contact's channel only`,
    // Empty, so the policy's example (with its reminder) is accepted as it is.
    example: [],
  });

/** Minutes from the first step until the last one goes. */
export function cascadeWaitMinutes(steps: CascadeStep[]): number {
  return steps.reduce((sum, step, i) => (i === steps.length - 1 ? sum : sum + (step.waitMinutes ?? 0)), 0);
}
