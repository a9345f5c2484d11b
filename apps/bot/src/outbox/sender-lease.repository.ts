import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { execute, qb } from '@turbota/persistence';

/**
 * The `outbox_sender_lease` rows, each taken, renewed and given back in one statement. Their
 * times are the database's, the one clock every process shares.
 */
@Injectable()
export class SenderLeaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes for `holder` each channel's lease that is free, expired or already its own, for
   * `leaseMs` from now; answers the channels it holds. Another holder's live lease is left as
   * it is (the row lock makes two processes that try at once take turns).
   */
  async hold(holder: string, channels: string[], leaseMs: number): Promise<string[]> {
    if (channels.length === 0) return [];
    const rows = await execute(
      this.dataSource,
      sql<{ channel: string }>`INSERT INTO outbox_sender_lease AS l (channel, holder, lease_until)
        SELECT channel, ${holder}, now() + ${leaseMs}::int * interval '1 millisecond' FROM unnest(${channels}::text[]) AS channel
        ON CONFLICT (channel) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
        WHERE l.lease_until < now() OR l.holder = excluded.holder
        RETURNING l.channel`,
    );
    return rows.map((r) => r.channel);
  }

  /** Gives the holder's leases back: another process may take them `freeInMs` from now. */
  async release(holder: string, channels: string[], freeInMs: number): Promise<void> {
    await execute(
      this.dataSource,
      qb
        .updateTable('outbox_sender_lease')
        .set({ lease_until: sql<Date>`least(lease_until, now() + ${freeInMs}::int * interval '1 millisecond')` })
        .where('holder', '=', holder)
        .where('channel', '=', sql<string>`ANY(${channels}::text[])`),
    );
  }
}
