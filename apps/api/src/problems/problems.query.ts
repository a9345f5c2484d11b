import { ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { PROBLEM_ACTIONS, PROBLEM_DIMENSIONS, PROBLEM_STATUSES, type ProblemStatus } from '@turbota/incidents';
import { listOf, pageQuery } from '../incidents/incidents.query';

export const problemsQuerySchema = z.strictObject({
  status: listOf<ProblemStatus>('status', PROBLEM_STATUSES).optional(),
  reasonCode: z.string().trim().min(1, 'reasonCode must not be empty').max(200, 'reasonCode takes at most 200 characters').optional(),
  dimension: z.enum(PROBLEM_DIMENSIONS, `dimension must be one of ${PROBLEM_DIMENSIONS.join(', ')}`).optional(),
  ...pageQuery,
});

export const problemTransitionSchema = z.strictObject({
  action: z.enum(PROBLEM_ACTIONS, `action must be one of ${PROBLEM_ACTIONS.join(', ')}`),
  note: z.string('note must be a string').max(2000, 'note takes at most 2000 characters').optional(),
});

/** For the OpenAPI document only; `problemsQuerySchema` checks the query. */
export class ProblemsQueryDoc {
  @ApiPropertyOptional({ description: `one or more of ${PROBLEM_STATUSES.join(', ')}, separated by commas` }) status?: string;
  @ApiPropertyOptional() reasonCode?: string;
  @ApiPropertyOptional({ enum: PROBLEM_DIMENSIONS }) dimension?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) cursor?: string;
}
