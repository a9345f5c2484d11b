import { type EntityManager, In } from 'typeorm';
import { ConflictError, InvalidInputError } from '@turbota/common';
import { PersonEntity, type PersonRole, type PersonStatus } from '@turbota/persistence';

/** The roles whose people may own an incident: those who may act on it. */
export const OWNER_ROLES: readonly PersonRole[] = ['supervisor', 'admin'];

/** An owner named by an id that no person has. */
export class UnknownOwnerError extends InvalidInputError {
  constructor(readonly personId: string) {
    super([{ field: 'personId', problems: [`no person has the id ${personId}`] }]);
  }
}

/** A person who may not own incidents now: deactivated, or a viewer. */
export class OwnerNotAssignableError extends ConflictError {
  constructor(person: Pick<PersonEntity, 'displayName' | 'status' | 'role'>) {
    const why = person.status === 'deactivated' ? 'is deactivated' : `is a ${person.role}`;
    super(`${person.displayName} ${why}: only supervisors and admins who are active or invited can own an incident`);
  }
}

/**
 * Who may own an incident: a supervisor or an admin, active or invited. An invited colleague can
 * be handed work before they first sign in (as a help desk assigns to an agent not yet
 * verified); a deactivated person never, and deactivating one lets go of what they own.
 */
const OWNER_STATUSES: readonly PersonStatus[] = ['active', 'invited'];

/**
 * The person who is to own an incident (null when no person has the id), share-locked in the
 * caller's transaction before it locks the incident: a deactivation locks the person, then their
 * incidents, so the two take turns in one order, and an incident is never given to someone
 * whose deactivation has just let go of the rest.
 */
export function lockedOwner(tx: EntityManager, personId: string): Promise<PersonEntity | null> {
  return tx.findOne(PersonEntity, { where: { id: personId }, lock: { mode: 'pessimistic_read' } });
}

/** The person, refused unless they may own an incident. */
export function assignable(person: PersonEntity | null, personId: string): PersonEntity {
  if (!person) throw new UnknownOwnerError(personId);
  if (!OWNER_STATUSES.includes(person.status) || !OWNER_ROLES.includes(person.role)) throw new OwnerNotAssignableError(person);
  return person;
}

/** The people who may own incidents (active or invited supervisors and admins), by name. */
export async function assignableOwners(manager: EntityManager): Promise<{ id: string; name: string }[]> {
  const people = await manager.find(PersonEntity, {
    select: { id: true, displayName: true, role: true },
    where: { status: In([...OWNER_STATUSES]) },
    order: { displayName: 'ASC', id: 'ASC' },
  });
  return people.filter((p) => OWNER_ROLES.includes(p.role)).map((p) => ({ id: p.id, name: p.displayName }));
}
