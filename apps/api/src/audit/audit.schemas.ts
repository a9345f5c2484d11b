import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_ACTOR_KINDS, AUDIT_SUBJECT_KINDS } from '@turbota/audit';
import { instant } from '../api-records';

/** One configuration change as `GET /audit` lists it. */
export const auditEntrySchema = z
  .strictObject({
    id: z.uuid(),
    occurredAt: instant(),
    actor: z
      .strictObject({
        kind: z.enum(AUDIT_ACTOR_KINDS).meta({ description: 'person: signed in to the console; api_key: a key; system: Turbota itself, from config/' }),
        personId: z.uuid().nullable(),
        apiKeyId: z.uuid().nullable(),
        label: z.string().meta({ description: 'the display name at the time of the change', example: 'Olena Kovalenko' }),
      })
      .meta({ id: 'AuditActor' }),
    subject: z
      .strictObject({
        kind: z.enum(AUDIT_SUBJECT_KINDS),
        id: z.string().meta({ description: 'its id; for the service standard, the version published' }),
        label: z.string().meta({ description: 'its name at the time of the change', example: 'Kyiv, Khreshchatyk 1 (kyiv-1)' }),
      })
      .meta({ id: 'AuditSubject' }),
    action: z.enum(AUDIT_ACTIONS),
    changes: z
      .record(
        z.string(),
        z.strictObject({ before: z.unknown().meta({ description: 'null: none (a new subject)' }), after: z.unknown().meta({ description: 'null: none (a removed subject)' }) }),
      )
      .meta({ description: 'each changed field with its value before and after; secrets (keys, hashes, tokens) never appear' }),
  })
  .meta({ id: 'AuditEntry' });

/** A page of `GET /audit`, newest first. */
export const auditPageSchema = z
  .strictObject({
    items: z.array(auditEntrySchema),
    nextCursor: z.string().meta({ description: 'pass as cursor for the next page; null at the end' }).nullable(),
  })
  .meta({ id: 'AuditPage' });
