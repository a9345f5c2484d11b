import { ApiProperty } from '@nestjs/swagger';
import { LOCALES } from '@turbota/common';
import { STANDARD_EVENTS, type StandardVersion } from '@turbota/standard';

class LocalizedTextDto {
  @ApiProperty({ example: 'Дайте клієнтові висловитися й назвати причину.' }) uk: string;
  @ApiProperty({ example: 'Дайте клиенту высказаться и назвать причину.' }) ru: string;
  @ApiProperty({ example: 'Give the customer the chance to speak and name the reason.' }) en: string;
}

class PhraseVariantsDto {
  @ApiProperty({ type: [String], minItems: 2, example: ['Вибачте, що ми вас підвели.', 'Нам прикро, що так сталося.'] }) uk: string[];
  @ApiProperty({ type: [String], minItems: 2, example: ['Простите, что подвели вас.', 'Нам жаль, что так вышло.'] }) ru: string[];
  @ApiProperty({ type: [String], minItems: 2, example: ["We're sorry we let you down.", "We're sorry it went this way."] }) en: string[];
}

class StandardActionDto {
  @ApiProperty({ example: 'apologise', pattern: '^[a-z][a-z0-9_]{0,49}$', description: 'Unique within its event' }) code: string;
  @ApiProperty({ type: PhraseVariantsDto, description: 'At least 2 variants per language, none repeated' }) phrases: PhraseVariantsDto;
}

class StandardEventStepsDto {
  @ApiProperty({ type: [LocalizedTextDto], description: "The staff's tasks, in order" }) tasks: LocalizedTextDto[];
  @ApiProperty({ type: [StandardActionDto], description: 'Customer-facing actions; the bot says a variant of the first one' }) actions: StandardActionDto[];
}

/** One property per event of the standard, each required. */
class StandardEventsDto {}
for (const event of STANDARD_EVENTS) ApiProperty({ type: StandardEventStepsDto })(StandardEventsDto.prototype, event);

/** The whole table, as PUT takes it: every event of the standard, each with its tasks and actions. */
export class StandardTableDto {
  @ApiProperty({ type: StandardEventsDto, description: `Every event: ${STANDARD_EVENTS.join(', ')}` }) events: Record<string, StandardEventStepsDto>;
}

export class StandardVersionDto extends StandardTableDto {
  @ApiProperty({ description: 'Older versions stay readable: incidents keep the version they were created under' }) version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ description: 'The API key that published it, or config/standard.json for the seed' }) createdBy: string;
}

class NextStepsActionDto {
  @ApiProperty({ example: 'apologise' }) action: string;
  @ApiProperty({ type: [String] }) phrases: string[];
}

export class NextStepsDto {
  @ApiProperty({ enum: STANDARD_EVENTS }) event: string;
  @ApiProperty({ enum: LOCALES }) locale: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: [String], description: 'What the staff should do, in order' }) tasks: string[];
  @ApiProperty({ type: [NextStepsActionDto], description: 'What to say to the customer, with phrase variants' }) actions: NextStepsActionDto[];
}

/** A version as the API shows it: the table's events beside who published it and when. */
export function standardVersionView(found: StandardVersion): StandardVersionDto {
  return { version: found.version, createdAt: found.createdAt, createdBy: found.createdBy, events: found.table.events };
}
