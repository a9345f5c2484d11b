import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class QuietHoursDto {
  @ApiProperty({ example: '21:00' }) start: string;
  @ApiProperty({ example: '09:00' }) end: string;
  @ApiProperty({ example: 'Europe/Kyiv' }) timeZone: string;
}

/** The settings of a policy, as written; `SurveyPolicySettings` checks them. */
export class SurveyPolicyInputDto {
  @ApiProperty({ example: 'Branch visits' }) name: string;
  @ApiPropertyOptional({ type: [String], description: 'Service types it covers; empty: the default for all others', default: [], example: ['branch-visit'] })
  serviceTypes?: string[];
  @ApiProperty({ enum: ['nps', 'ces', 'csat'], description: 'The integral question asked first' }) integralMetric: string;
  @ApiProperty({ format: 'uuid', description: 'The question pool; the examples name questions of the seeded "Post-contact" pool' }) poolId: string;
  @ApiPropertyOptional({ default: 3, minimum: 0, maximum: 10, description: 'Questions drawn from the pool after the integral part' })
  maxQuestions?: number;
  @ApiPropertyOptional({ default: 1, minimum: 0, maximum: 1, description: 'Share of finished contacts invited' }) samplingRate?: number;
  @ApiPropertyOptional({ default: 30, description: 'Days before the same customer is invited again' }) cooldownDays?: number;
  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true, description: 'No invitations in this daily window' })
  quietHours?: QuietHoursDto | null;
  @ApiPropertyOptional({ default: 1440, description: 'Minutes without an answer after which the invitee is a non-responder' })
  answerTimeoutMinutes?: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    default: null,
    example: 240,
    description: 'Minutes without an answer after which the invitee is reminded once (shorter than answerTimeoutMinutes); null: no reminder',
  })
  reminderAfterMinutes?: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'reason', description: 'Code of the single_choice question of the pool asked after a negative score' })
  reasonQuestion?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'improvement', description: 'Code of the free_text question of the pool asked after a neutral score' })
  improvementQuestion?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'contact', description: 'Code of the contact question of the pool offered to put a complaint right' })
  contactQuestion?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uri', nullable: true, example: 'https://g.page/r/turbota-example/review', description: 'An http(s) review page offered to promoters' })
  reviewUrl?: string | null;
}

export class SurveyPolicyDto extends SurveyPolicyInputDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['active', 'archived'] }) status: string;
  @ApiProperty({ description: 'Send it back as If-Match to refuse overwriting a change made since' }) version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
