import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CustomerAddress } from '@turbota/conversations';

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
      const rows: { channel: string; address: string }[] = await this.dataSource.query(
        `SELECT channel, address FROM customer_identity WHERE (channel, address) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [pairs.map(([channel]) => channel), pairs.map(([, address]) => address)],
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
