import { z } from 'zod';
import { localeField, questionPoolFields, questionSchema, RECORD_STATUSES } from '@turbota/surveys';
import { apiRecord, instant } from '../api-records';

const locales = z.array(localeField).meta({ description: 'The languages the questions are given in; the first serves a customer whose language is not among them' });
const questions = z.array(questionSchema).meta({ description: 'The questions of this version, in every language the pool has them' });

/** A question pool as the API answers it: its current version's questions. */
export const questionPoolSchema = apiRecord('QuestionPool', {
  name: questionPoolFields.name,
  description: z.string(),
  status: z.enum(RECORD_STATUSES).meta({ description: 'archived: no policy may take it; its versions stay for the answers given' }),
  version: z.number().int().min(1).meta({ description: 'The current version; every change of the questions or languages adds one' }),
  locales,
  questions,
});

export const questionPoolListSchema = z.array(questionPoolSchema);

/** The languages a pool may be given in: what the console's editor offers. */
export const questionPoolLanguagesSchema = z
  .strictObject({
    languages: z.array(localeField).meta({ description: 'The languages this installation speaks (SUPPORTED_LOCALES), in its order', example: ['uk', 'ru', 'en'] }),
  })
  .meta({ id: 'QuestionPoolLanguages' });

/** The questions of a pool as they were at one version; answers point at it. */
export const questionPoolVersionSchema = z
  .strictObject({
    poolId: z.uuid(),
    version: z.number().int().min(1),
    locales,
    questions,
    createdBy: z.uuid().meta({ description: 'The API key that wrote this version; null: the pool came from config/' }).nullable(),
    createdAt: instant(),
  })
  .meta({ id: 'QuestionPoolVersion' });

/** What `PATCH /question-pools/{id}` is shown with: a change of the description alone keeps the version. */
export const QUESTION_POOL_CHANGE_EXAMPLE = { description: 'Asked after a visit to a branch or a call' };
