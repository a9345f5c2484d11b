import { z } from 'zod';
import { PROBLEM_DIMENSIONS, PROBLEM_STATUSES, type ProblemStatus } from '@turbota/incidents';
import { listOf, pageQuery } from '../incidents/incidents.query';

/** `GET /problems`: every filter given must hold. */
export const problemsQuerySchema = z.strictObject({
  status: listOf<ProblemStatus>('status', PROBLEM_STATUSES)
    .meta({ description: `One or more of ${PROBLEM_STATUSES.join(', ')}, separated by commas`, example: 'open,investigating' })
    .optional(),
  reasonCode: z
    .string()
    .trim()
    .min(1, 'reasonCode must not be empty')
    .max(200, 'reasonCode takes at most 200 characters')
    .meta({ description: 'The reason the incidents share', example: 'waiting' })
    .optional(),
  dimension: z
    .enum(PROBLEM_DIMENSIONS, `dimension must be one of ${PROBLEM_DIMENSIONS.join(', ')}`)
    .meta({ description: 'What the incidents share besides the reason' })
    .optional(),
  ...pageQuery,
});

export type ProblemsQuery = z.infer<typeof problemsQuerySchema>;
