import type { DataSource } from 'typeorm';
import { waitFor } from './wait-for';

/** Waits until the conversation of a customer's address has the given status (the outbox works in the background). */
export function waitForConversationStatus(db: DataSource, address: string, status: string): Promise<string> {
  return waitFor(async () => {
    const [row] = await db.query<{ status: string }[]>(
      `SELECT c.status FROM conversation c JOIN customer_identity i ON i.id = c.identity_id WHERE i.address = $1 ORDER BY c.started_at DESC LIMIT 1`,
      [address],
    );
    return row?.status === status ? row.status : undefined;
  });
}
