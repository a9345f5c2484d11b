import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { execute, qb } from '@turbota/persistence';
import type { DeliveryEvent } from '../channels/channel-adapter';

/** What each report sets: the time it came (kept if one came before), or for a failure its reason. */
function updatesOf(event: DeliveryEvent, now: Date) {
  switch (event.status) {
    case 'delivered':
      return { delivered_at: sql<Date>`coalesce(delivered_at, ${now}::timestamptz)` };
    case 'seen':
      return { seen_at: sql<Date>`coalesce(seen_at, ${now}::timestamptz)`, delivered_at: sql<Date>`coalesce(delivered_at, ${now}::timestamptz)` };
    case 'failed':
      return { delivery: 'failed', last_error: (event.detail ?? 'failed').slice(0, 500) };
  }
}

/** Records what a platform reports of sent messages: delivered, seen, or failed after all. */
@Injectable()
export class DeliveryReceipts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Idempotent: a repeated report changes nothing. */
  async record(channel: string, event: DeliveryEvent): Promise<void> {
    await execute(
      this.dataSource,
      qb
        .updateTable('message')
        .set(updatesOf(event, this.clock.now()))
        .where('channel', '=', channel)
        .where('platform_message_id', '=', event.platformMessageId),
    );
  }
}
