import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import type { CustomerAddress } from '@turbota/conversations';
import { execute, qb } from '@turbota/persistence';

/** The most addresses one statement asks about. */
const MAX_BATCH = 500;
/** How long questions gather before a statement: nothing to a person opening one stream, much to a flood. */
const GATHER_MS = 25;

interface Waiter {
  resolve: (known: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Whether web chat sessions were ever opened, asked in batches: questions gather for a few
 * milliseconds before each statement (and meanwhile), so a flood of invented tokens (each worth
 * a stream) costs at most one statement per gathering, not one transaction a stream.
 */
@Injectable()
export class KnownSessions {
  private readonly waiting = new Map<string, Waiter[]>();
  private draining = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when a conversation was opened for the address (its token was issued). */
  has(address: CustomerAddress): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const key = `${address.channel}\n${address.address}`;
      this.waiting.set(key, [...(this.waiting.get(key) ?? []), { resolve, reject }]);
      if (this.draining) return;
      this.draining = true;
      setTimeout(() => void this.drain(), GATHER_MS);
    });
  }

  /** Asks about the questions gathered so far (at most a batch), then gathers again while more wait. */
  private async drain(): Promise<void> {
    const batch = [...this.waiting].slice(0, MAX_BATCH);
    for (const [key] of batch) this.waiting.delete(key);
    const pairs = batch.map(([key]) => key.split('\n'));
    try {
      const channels = pairs.map(([channel]) => channel);
      const addresses = pairs.map(([, address]) => address);
      const rows = await execute(
        this.dataSource,
        qb
          .selectFrom('customer_identity')
          .select(['channel', 'address'])
          .where(sql<boolean>`(channel, address) IN (SELECT * FROM unnest(${channels}::text[], ${addresses}::text[]))`),
      );
      const found = new Set(rows.map((r) => `${r.channel}\n${r.address}`));
      for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.has(key));
    } catch (error) {
      for (const [, waiters] of batch) for (const w of waiters) w.reject(error);
    }
    if (this.waiting.size > 0) setTimeout(() => void this.drain(), GATHER_MS);
    else this.draining = false;
  }
}
