import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

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
    const rows = await this.dataSource.query<{ channel: string }[]>(
      `INSERT INTO outbox_sender_lease AS l (channel, holder, lease_until)
       SELECT channel, $2, now() + $3::int * interval '1 millisecond' FROM unnest($1::text[]) AS channel
       ON CONFLICT (channel) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
       WHERE l.lease_until < now() OR l.holder = excluded.holder
       RETURNING l.channel`,
      [channels, holder, leaseMs],
    );
    return rows.map((r) => r.channel);
  }

  /** Gives the holder's leases back: another process may take them `freeInMs` from now. */
  async release(holder: string, channels: string[], freeInMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox_sender_lease SET lease_until = least(lease_until, now() + $3::int * interval '1 millisecond')
       WHERE holder = $1 AND channel = ANY($2::text[])`,
      [holder, channels, freeInMs],
    );
  }
}
