import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { LOCALES } from '@turbota/common';

const name = z.string().trim().min(1, 'name must not be empty').max(100, 'name takes at most 100 characters');
const description = z.string().max(2000, 'description takes at most 2000 characters');

// The languages are checked with the questions (they say which texts must be there), in the service.
export const createPoolSchema = z.strictObject({ name, description: description.optional(), questions: z.unknown(), locales: z.unknown().optional() });
export const updatePoolSchema = z.strictObject({ name: name.optional(), description: description.optional(), questions: z.unknown().optional(), locales: z.unknown().optional() });

const QUESTIONS_DOC =
  'Questions, each `{ code, type, text: { uk, ru, en }, ... }` with type one of nps, ces, csat (optional lowLabel, highLabel), ' +
  'likert (factor), single_choice (options: [{ code, label, factor? }]), free_text, contact (consentText, accepts: ["phone", "email"]). ' +
  'Every text in each language the pool declares in `locales`; texts in other languages are kept but not required.';

const LOCALES_DOC =
  'The languages the questions are given in, each one of SUPPORTED_LOCALES; a customer whose language is not among them gets the first. ' +
  'Default on creation: every language the installation speaks (SUPPORTED_LOCALES); on a change, the pool keeps its own.';

const EXAMPLE = [
  { code: 'nps', type: 'nps', text: { uk: 'Чи порадите нас?', ru: 'Порекомендуете нас?', en: 'Would you recommend us?' } },
  { code: 'empathy', type: 'likert', factor: 'empathy', text: { uk: 'Мене зрозуміли', ru: 'Меня поняли', en: 'I was understood' } },
];

export class CreateQuestionPoolDto {
  @ApiProperty({ example: 'Branches' }) name: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ description: QUESTIONS_DOC, type: 'array', items: { type: 'object' }, example: EXAMPLE }) questions: unknown[];
  @ApiPropertyOptional({ description: LOCALES_DOC, type: 'array', items: { type: 'string', enum: [...LOCALES] }, example: ['uk', 'ru', 'en'] }) locales?: string[];
}

export class UpdateQuestionPoolDto {
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ description: `${QUESTIONS_DOC} New questions become a new version; answers keep the version they answered.`, type: 'array', items: { type: 'object' } })
  questions?: unknown[];
  @ApiPropertyOptional({ description: LOCALES_DOC, type: 'array', items: { type: 'string', enum: [...LOCALES] } }) locales?: string[];
}

export class QuestionPoolDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['active', 'archived'] }) status: 'active' | 'archived';
  @ApiProperty({ description: 'The current version; every change of the questions or languages adds one' }) version: number;
  @ApiProperty({ description: 'The languages the questions are given in; the first serves a customer whose language is not among them', type: 'array', items: { type: 'string', enum: [...LOCALES] } })
  locales: string[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) questions: unknown[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class QuestionPoolVersionDto {
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: 'array', items: { type: 'string', enum: [...LOCALES] } }) locales: string[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) questions: unknown[];
  @ApiProperty() createdAt: Date;
}
