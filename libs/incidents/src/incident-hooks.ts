import type { EntityManager } from 'typeorm';
import type { IncidentEntity } from '@turbota/persistence';

/**
 * Told when an incident is resolved or rejected, inside the transition's transaction: where
 * closing the loop (telling the customer, asking whether it is solved) plugs in.
 */
export interface IncidentSettledHook {
  onSettled(tx: EntityManager, incident: IncidentEntity): Promise<void>;
}

/** Injection token of the {@link IncidentSettledHook}. */
export const INCIDENT_SETTLED = Symbol('INCIDENT_SETTLED');
