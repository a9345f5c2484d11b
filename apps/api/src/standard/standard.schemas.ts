import { z } from 'zod';
import { LOCALES } from '@turbota/common';
import { STANDARD_EVENTS, standardEventsSchema, type StandardVersion } from '@turbota/standard';
import { instant } from '../api-records';

/** A published version of the standard as the API answers it: the table's events beside who published it and when. */
export const standardVersionSchema = z
  .strictObject({
    version: z.int().positive().meta({ description: 'Older versions stay readable: incidents keep the version they were created under' }),
    createdAt: instant(),
    createdBy: z.string().meta({ description: 'The API key that published it, or config/standard.json for the seed' }),
    events: standardEventsSchema,
  })
  .meta({ id: 'StandardVersion' });

/** What the standard says to do at one event, in one language. */
export const nextStepsSchema = z
  .strictObject({
    event: z.enum(STANDARD_EVENTS),
    locale: z.enum(LOCALES),
    tasksLocale: z.enum(LOCALES).meta({ description: 'The language of the tasks: here the same as locale' }),
    version: z.int().positive().meta({ description: 'The version of the standard these come from' }),
    tasks: z.array(z.string()).meta({ description: 'What the staff should do, in order' }),
    actions: z
      .array(
        z.strictObject({
          action: z.string().meta({ example: 'apologise' }),
          phrases: z.array(z.string()).meta({ description: 'Ways to say it; {name} stands for the customer\'s name' }),
        }),
      )
      .meta({ description: 'What to say to the customer, with phrase variants' }),
  })
  .meta({ id: 'NextSteps' });

/** A version as the API shows it. */
export function standardVersionView(found: StandardVersion) {
  return { version: found.version, createdAt: found.createdAt, createdBy: found.createdBy, events: found.table.events };
}
