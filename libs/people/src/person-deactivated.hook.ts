import type { EntityManager } from 'typeorm';

/** Who changes a person: an admin signed in to the console, or an admin API key (as histories record actors). */
export interface PeopleActor {
  kind: 'person' | 'api_key';
  id: string;
  name: string;
}

/**
 * Told when a person is deactivated, inside the deactivation's transaction, so what they held
 * (the incidents they own) is let go in the same commit, recorded as done by `by`.
 */
export interface PersonDeactivatedHook {
  onDeactivated(tx: EntityManager, personId: string, by: PeopleActor): Promise<void>;
}

/** Injection token of the {@link PersonDeactivatedHook}; required (the incidents provide it). */
export const PERSON_DEACTIVATED = Symbol('PERSON_DEACTIVATED');
