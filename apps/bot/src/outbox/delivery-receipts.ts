import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import type { DeliveryEvent } from '../channels/channel-adapter';

/** What each report sets; `$3` is the time, or for a failure its reason. */
const UPDATES: Record<DeliveryEvent['status'], string> = {
  delivered: `delivered_at = coalesce(delivered_at, $3::timestamptz)`,
  seen: `seen_at = coalesce(seen_at, $3::timestamptz), delivered_at = coalesce(delivered_at, $3::timestamptz)`,
  failed: `delivery = 'failed', last_error = $3::text`,
};

/** Records what a platform reports of sent messages: delivered, seen, or failed after all. */
@Injectable()
export class DeliveryReceipts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Idempotent: a repeated report changes nothing. */
  async record(channel: string, event: DeliveryEvent): Promise<void> {
    await this.dataSource.query(
      `UPDATE message SET ${UPDATES[event.status]} WHERE channel = $1 AND platform_message_id = $2`,
      [channel, event.platformMessageId, event.status === 'failed' ? (event.detail ?? 'failed').slice(0, 500) : this.clock.now()],
    );
  }
}
