import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A new campaign; `campaignInputSchema` checks it. */
export class CampaignInputDto {
  @ApiProperty({ example: 'Q1 2027 loyalty' }) name: string;
  @ApiProperty({ format: 'uuid', description: 'The survey policy (and so its question pool, quiet hours, answer timeout) the invitations use' }) policyId: string;
  @ApiPropertyOptional({ minimum: 1, description: 'How many customers to draw (all eligible when fewer); give this or share' }) size?: number;
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    description: 'What part of the eligible customers to draw, rounded to the nearest whole customer, halves up (0.25 of 10 is 3), at least 1; give this or size',
  })
  share?: number;
  @ApiProperty({ example: '2027-01-10T09:00:00+02:00', description: 'Invitations go from here (or from now, when this has passed)' }) windowStart: string;
  @ApiProperty({ example: '2027-01-17T21:00:00+02:00', description: 'until here, at most 92 days after windowStart' }) windowEnd: string;
  @ApiPropertyOptional({ example: 'telegram', description: 'Only customers reachable on this channel' }) channel?: string;
}

/** Whole bodies for the OpenAPI document: size and share exclude each other, so one example each. */
export const CAMPAIGN_INPUT_EXAMPLES = {
  size: {
    summary: 'A number of customers',
    value: { name: 'Q1 2027 loyalty', policyId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', size: 400, windowStart: '2027-01-10T09:00:00+02:00', windowEnd: '2027-01-17T21:00:00+02:00' },
  },
  share: {
    summary: 'A share of the eligible customers',
    value: { name: 'Q1 2027 loyalty, a quarter', policyId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', share: 0.25, windowStart: '2027-01-10T09:00:00+02:00', windowEnd: '2027-01-17T21:00:00+02:00' },
  },
};

export class CampaignDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty({ enum: ['active', 'cancelled'] }) status: string;
  @ApiProperty({ nullable: true }) channel: string | null;
  @ApiProperty({ example: { size: 400 }, description: '{ size } or { share }, as asked' }) requested: object;
  @ApiProperty({
    description: 'Customers eligible at the draw: subscribed, reachable, not in a campaign for 180 days (or the policy\'s cool-down if longer), not invited within the policy\'s cool-down',
  })
  eligible: number;
  @ApiProperty() windowStart: Date;
  @ApiProperty() windowEnd: Date;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true }) cancelledAt: Date | null;
  @ApiProperty({ description: 'Drawn customers whose invitation is still to go or went' }) planned: number;
  @ApiProperty() sent: number;
  @ApiProperty({ description: 'Invitees who answered at least one question' }) answered: number;
  @ApiProperty({ description: 'Invitees silent past the answer timeout (non-responders)' }) silent: number;
  @ApiProperty({ description: 'Sent, neither answered nor timed out yet' }) waiting: number;
  @ApiProperty({ description: 'Invitations that did not go (opted out, unreachable, campaign cancelled)' }) cancelled: number;
  @ApiProperty({ nullable: true, description: 'answered / sent' }) responseRate: number | null;
  @ApiProperty({ example: 0.7 }) responseRateTarget: number;
  @ApiProperty({ nullable: true }) meetsTarget: boolean | null;
  @ApiProperty({ nullable: true, description: 'The next planned invitation' }) nextSendAt: Date | null;
}
