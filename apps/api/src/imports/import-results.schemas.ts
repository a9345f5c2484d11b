import { z } from 'zod';

const count = (description?: string) => (description ? z.int().min(0).meta({ description }) : z.int().min(0));

const rejectedLineSchema = z
  .strictObject({
    line: z.int().min(1).meta({ description: 'The line in the file; 1 is the header' }),
    reason: z.string().meta({ example: 'phone: must be a phone number, e.g. +380671234567' }),
  })
  .meta({ id: 'RejectedLine' });

const rejectedSchema = z.array(rejectedLineSchema).meta({ description: 'The first 1000 refused lines' });

/** What `POST /imports/contacts` did with the file. */
export const contactImportResultSchema = z
  .strictObject({
    accepted: count('Lines recorded (or found already recorded)'),
    decisions: z
      .strictObject({ invited: count(), scheduled: count('Waiting for the end of the quiet hours'), skipped: count() })
      .meta({ description: 'The decisions on the accepted lines' }),
    rejected: rejectedSchema,
    rejectedCount: count(),
  })
  .meta({ id: 'ContactImportResult' });

/** What `POST /imports/responses` did with the file. */
export const responsesImportResultSchema = z
  .strictObject({
    importId: z.uuid().meta({ description: 'Marks every answer of this import' }),
    accepted: count('Answers stored'),
    rejected: rejectedSchema,
    rejectedCount: count(),
  })
  .meta({ id: 'ResponsesImportResult' });
