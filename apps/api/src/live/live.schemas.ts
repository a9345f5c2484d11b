import { z } from 'zod';
import { INCIDENT_STATUSES, PROBLEM_STATUSES } from '@turbota/incidents';

/** `GET /events?lastEventId=`: where a stream resumes when the client cannot send `Last-Event-ID`. */
export const liveQuerySchema = z.strictObject({
  lastEventId: z
    .string('lastEventId must be a string')
    .max(40, 'lastEventId takes at most 40 characters')
    .meta({ description: 'The id of the last event received, as `Last-Event-ID` would send it (the header wins)', example: '1042.17' })
    .optional(),
});

export type LiveQuery = z.infer<typeof liveQuerySchema>;

const version = z.number().int().meta({ description: 'Its version now (If-Match)' });

/** The data of each event of the stream, for the document: a change names what to read again, never what it says. */
export const liveEventSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('ready').meta({ description: 'The stream is open; its id is where it resumes from' }) }),
    z.strictObject({ type: z.literal('resync').meta({ description: 'Too much changed since the id resumed from: read everything again' }) }),
    z.strictObject({ type: z.literal('incident.changed'), id: z.uuid(), status: z.enum(INCIDENT_STATUSES), version }),
    z.strictObject({ type: z.literal('problem.changed'), id: z.uuid(), status: z.enum(PROBLEM_STATUSES), version }),
  ])
  .meta({ id: 'LiveEvent', description: 'The JSON of one event (`data:`); its `id:` is where a reconnect resumes from' });
