import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';

const name = z.string().trim().min(1, 'name must not be empty').max(100, 'name takes at most 100 characters');
const description = z.string().max(2000, 'description takes at most 2000 characters');

export const createPoolSchema = z.strictObject({ name, description: description.optional(), questions: z.unknown() });
export const updatePoolSchema = z.strictObject({ name: name.optional(), description: description.optional(), questions: z.unknown().optional() });

const QUESTIONS_DOC =
  'Questions, each `{ code, type, text: { uk, ru, en }, ... }` with type one of nps, ces, csat (optional lowLabel, highLabel), ' +
  'likert (factor), single_choice (options: [{ code, label, factor? }]), free_text, contact (consentText, accepts: ["phone", "email"]). ' +
  'Every text in uk, ru and en.';

const EXAMPLE = [
  { code: 'nps', type: 'nps', text: { uk: 'Чи порадите нас?', ru: 'Порекомендуете нас?', en: 'Would you recommend us?' } },
  { code: 'empathy', type: 'likert', factor: 'empathy', text: { uk: 'Мене зрозуміли', ru: 'Меня поняли', en: 'I was understood' } },
];

export class CreateQuestionPoolDto {
  @ApiProperty({ example: 'Branches' }) name: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ description: QUESTIONS_DOC, type: 'array', items: { type: 'object' }, example: EXAMPLE }) questions: unknown[];
}

export class UpdateQuestionPoolDto {
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ description: `${QUESTIONS_DOC} New questions become a new version; answers keep the version they answered.`, type: 'array', items: { type: 'object' } })
  questions?: unknown[];
}

export class QuestionPoolDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['active', 'archived'] }) status: 'active' | 'archived';
  @ApiProperty({ description: 'The current version; every change of the questions adds one' }) version: number;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) questions: unknown[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class QuestionPoolVersionDto {
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) questions: unknown[];
  @ApiProperty() createdAt: Date;
}
