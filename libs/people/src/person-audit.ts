import type { EntityManager } from 'typeorm';
import { type AuditActor, recordConfigChange } from '@turbota/audit';
import type { PersonEntity } from '@turbota/persistence';
import { userView } from './person-view';

/** The audit entry of a change to a person: what an admin sees of them, never the password hash. */
export async function recordPersonChange(tx: EntityManager, by: AuditActor, action: 'created' | 'changed' | 'deactivated', before: PersonEntity | null, after: PersonEntity): Promise<void> {
  const subject = { kind: 'person' as const, id: after.id, label: after.displayName };
  await recordConfigChange(tx, { actor: by, subject, action, before: before && userView(before), after: userView(after) });
}
