import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { executeTakeFirst, qb } from '@turbota/persistence';

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
  const row = await executeTakeFirst(
    tx,
    qb
      .selectFrom('conversation_input')
      .select((eb) => [
        eb.cast<number>(eb.fn.countAll(), 'integer').as('spent'),
        sql<number | null>`ceil(extract(epoch FROM min(${eb.ref('received_at')}) + interval '60 seconds' - now()))::int`.as('retryAfter'),
      ])
      .where('identity_id', '=', identityId)
      .where('received_at', '>', sql<Date>`now() - interval '60 seconds'`),
  );
  if (!row) throw new Error('An aggregate answers one row');
  if (row.spent >= budget.perMinute) throw new InputBudgetExceededError(budget.perMinute, Math.max(1, row.retryAfter ?? 1));
}
