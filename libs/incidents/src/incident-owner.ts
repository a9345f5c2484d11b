import type { EntityManager } from 'typeorm';
import { PersonEntity, type PersonRole } from '@turbota/persistence';

/** The roles whose people may own an incident: those who may act on it. */
export const OWNER_ROLES: readonly PersonRole[] = ['supervisor', 'admin'];

/** An owner named by an id that no person has. */
export class UnknownOwnerError extends Error {
  constructor(readonly personId: string) {
    super(`personId: no person has the id ${personId}`);
    this.name = 'UnknownOwnerError';
  }
}

/** A person who may not own incidents now: not active, or a viewer. */
export class OwnerNotAssignableError extends Error {
  constructor(person: Pick<PersonEntity, 'displayName' | 'status' | 'role'>) {
    const why = person.status !== 'active' ? `is ${person.status}` : `is a ${person.role}`;
    super(`${person.displayName} ${why}: only active supervisors and admins can own an incident`);
    this.name = 'OwnerNotAssignableError';
  }
}

/** The person who is to own an incident, read in the caller's transaction; refused unless active and a supervisor or an admin. */
export async function assignableOwner(tx: EntityManager, personId: string): Promise<PersonEntity> {
  const person = await tx.findOne(PersonEntity, { where: { id: personId } });
  if (!person) throw new UnknownOwnerError(personId);
  if (person.status !== 'active' || !OWNER_ROLES.includes(person.role)) throw new OwnerNotAssignableError(person);
  return person;
}

/** The people who may own incidents (active supervisors and admins), by name. */
export async function assignableOwners(manager: EntityManager): Promise<{ id: string; name: string }[]> {
  const people = await manager.find(PersonEntity, { select: { id: true, displayName: true, role: true }, where: { status: 'active' }, order: { displayName: 'ASC', id: 'ASC' } });
  return people.filter((p) => OWNER_ROLES.includes(p.role)).map((p) => ({ id: p.id, name: p.displayName }));
}
