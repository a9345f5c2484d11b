import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOCALES } from '@turbota/common';
import { DECISIONS, SKIP_REASONS } from '@turbota/triggers';

class ContactCustomerDto {
  @ApiProperty({ example: 'telegram', description: 'telegram, viber, slack or botframework; a channel that is off or unknown is skipped as no_channel' })
  channel: string;
  @ApiProperty({ example: '123456789', description: 'The address on that channel: Telegram chat id, Viber user id, Slack user or DM channel id, Bot Framework conversation id' })
  address: string;
  @ApiPropertyOptional({ example: 'Olena', description: 'To greet the customer by name; kept encrypted' }) name?: string;
  @ApiPropertyOptional({ enum: LOCALES }) locale?: string;
  @ApiPropertyOptional({ example: '+380671234567', description: 'Kept encrypted; links the customer across channels' }) phone?: string;
  @ApiPropertyOptional({ example: 'olena@example.com', description: 'Kept encrypted; links the customer across channels' }) email?: string;
}

/** A finished contact as the contact centre reports it; `contactInputSchema` checks it. */
export class ContactInputDto {
  @ApiProperty({ example: 'call-2026-11-22-000123', description: "The contact centre's own id of the contact" }) externalId: string;
  @ApiProperty({ type: ContactCustomerDto }) customer: ContactCustomerDto;
  @ApiPropertyOptional({ type: String, example: 'olena.k', nullable: true }) agent?: string | null;
  @ApiPropertyOptional({ type: String, example: 'card-issue', nullable: true, description: 'Chooses the survey policy' }) serviceType?: string | null;
  @ApiPropertyOptional({ type: String, example: 'kyiv-central', nullable: true, description: 'The code of a point of service' }) pointOfService?: string | null;
  @ApiProperty({ example: '2026-11-22T14:05:00+02:00', description: 'When the contact finished (ISO 8601 with a time zone)' }) occurredAt: string;
}

export class ContactDecisionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() externalId: string;
  @ApiProperty({ enum: DECISIONS }) decision: string;
  @ApiProperty({ enum: SKIP_REASONS, nullable: true, description: 'Why it was skipped; null unless skipped' }) reason: string | null;
  @ApiPropertyOptional({ description: 'scheduled: when the invitation goes out (the end of the quiet hours)' }) scheduledFor?: Date;
  @ApiPropertyOptional({ description: 'cool_down: the customer\'s latest survey, on any channel' }) lastSurveyAt?: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The customer (null for no_channel); DELETE /customers/{id} erases them' }) customerId: string | null;
  @ApiProperty({ description: 'The decision in words' }) message: string;
}

export class ContactDto extends ContactDecisionDto {
  @ApiProperty() occurredAt: Date;
  @ApiProperty() channel: string;
  @ApiProperty({ enum: LOCALES }) locale: string;
  @ApiProperty({ type: String, nullable: true }) agent: string | null;
  @ApiProperty({ type: String, nullable: true }) serviceType: string | null;
  @ApiProperty({ type: String, nullable: true }) pointOfService: string | null;
  @ApiProperty() decidedAt: Date;
  @ApiProperty({ type: Date, nullable: true, description: 'When the survey was opened and its first message queued' }) invitedAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) conversationId: string | null;
  @ApiProperty({ type: Date, nullable: true, description: 'A scheduled invitation that could not go when its time came' }) cancelledAt: Date | null;
  @ApiProperty({ enum: ['opted_out', 'unreachable', 'no_policy'], nullable: true }) cancelReason: string | null;
  @ApiProperty({ type: Date, nullable: true }) remindedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'Set when the invitee answered nothing within the answer timeout' }) nonResponderAt: Date | null;
}
