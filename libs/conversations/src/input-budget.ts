import type { EntityManager } from 'typeorm';

/** How many inputs an address may send in a minute (an anonymous web chat session's budget). */
export interface InputBudget {
  perMinute: number;
}

/** Thrown when an address has spent its input budget; nothing of the input was applied. */
export class InputBudgetExceededError extends Error {
  constructor(
    readonly perMinute: number,
    /** When the oldest input of the last minute stops counting. */
    readonly retryAfterSeconds: number,
  ) {
    super(`More than ${perMinute} inputs a minute came from this address`);
    this.name = 'InputBudgetExceededError';
  }
}

/**
 * Refuses an input when the identity's stored inputs of the last minute fill its budget.
 * Counted in the database under the identity's lock, so the budget holds across processes
 * and against inputs sent at once (they are applied one at a time).
 */
export async function spendInputBudget(tx: EntityManager, identityId: string, budget: InputBudget): Promise<void> {
  const [row]: { spent: number; retryAfter: number | null }[] = await tx.query(
    `SELECT count(*)::int AS spent,
       ceil(extract(epoch FROM min(received_at) + interval '60 seconds' - now()))::int AS "retryAfter"
     FROM conversation_input WHERE identity_id = $1 AND received_at > now() - interval '60 seconds'`,
    [identityId],
  );
  if (row.spent >= budget.perMinute) throw new InputBudgetExceededError(budget.perMinute, Math.max(1, row.retryAfter ?? 1));
}
