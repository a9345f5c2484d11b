import { sql } from 'kysely';
import type { QueueTable } from '@turbota/server';

/**
 * The outbox as a queue over the `message` table: a customer's outgoing messages, one chat
 * (identity) a key, in the order written. The bot claims from it; the API puts a given-up
 * message back into it (`POST /deliveries/{id}/retry`).
 */
export const OUTBOX_QUEUE: QueueTable<'message'> = {
  table: 'message',
  id: 'id',
  seq: 'seq',
  dueAt: 'next_attempt_at',
  state: { status: 'delivery' },
  member: (row) => sql`${row('direction')} = 'out'`,
  sameKey: (a, b) => sql`${a('identity_id')} = ${b('identity_id')}`,
  claimOrder: ['next_attempt_at', 'seq'],
};
