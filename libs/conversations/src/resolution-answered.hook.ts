import type { EntityManager } from 'typeorm';

/**
 * Told, inside the dialogue step's transaction, when a customer answers whether their
 * resolved incident is solved, so the incident closes or reopens with the answer. Required:
 * a process without a listener does not start.
 */
export interface ResolutionAnsweredHook {
  onResolutionAnswer(tx: EntityManager, answer: { incidentId: string; solved: boolean; customerId: string }): Promise<void>;
}

/** Injection token of the {@link ResolutionAnsweredHook}; a global module provides it. */
export const RESOLUTION_ANSWERED = Symbol('RESOLUTION_ANSWERED');
