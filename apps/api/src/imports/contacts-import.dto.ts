import { ApiProperty } from '@nestjs/swagger';

class DecisionCountsDto {
  @ApiProperty() invited: number;
  @ApiProperty({ description: 'Waiting for the end of the quiet hours' }) scheduled: number;
  @ApiProperty() skipped: number;
}

class RejectedLineDto {
  @ApiProperty({ description: 'The line in the file; 1 is the header' }) line: number;
  @ApiProperty({ example: 'phone: must be a phone number, e.g. +380671234567' }) reason: string;
}

export class ContactImportResultDto {
  @ApiProperty({ description: 'Lines recorded (or found already recorded)' }) accepted: number;
  @ApiProperty({ type: DecisionCountsDto }) decisions: DecisionCountsDto;
  @ApiProperty({ type: [RejectedLineDto], description: 'The first 1000 refused lines' }) rejected: RejectedLineDto[];
  @ApiProperty() rejectedCount: number;
}
