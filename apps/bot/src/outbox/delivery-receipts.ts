import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { execute, qb } from '@turbota/persistence';
import type { DeliveryEvent, WatermarkEvent } from '../channels/channel-adapter';
import { recordInvitationReports } from '../invitations/invitation-reports';

/** What each report sets: the time it came (kept if one came before), or for a failure its reason. */
function updatesOf(event: Pick<DeliveryEvent, 'status' | 'detail'>, now: Date) {
  switch (event.status) {
    case 'delivered':
      return { delivered_at: sql<Date>`coalesce(delivered_at, ${now}::timestamptz)` };
    case 'seen':
      return { seen_at: sql<Date>`coalesce(seen_at, ${now}::timestamptz)`, delivered_at: sql<Date>`coalesce(delivered_at, ${now}::timestamptz)` };
    case 'failed':
      return { delivery: 'failed', last_error: (event.detail ?? 'failed').slice(0, 500) };
  }
}

/**
 * How much later than a watermark a message may have been recorded sent and still be one it
 * covers: the platform stamps a message when it takes it, Turbota when the answer comes back
 * (and the two clocks differ a little), so the newest message a watermark means is recorded a
 * moment after it.
 */
const WATERMARK_SLACK_MS = 5_000;

/** Channels whose invitation is a message of the channel's own (WhatsApp's template): their statuses report on invitations too. */
const INVITING_CHANNELS = new Set(['whatsapp']);

/** Records what a platform reports of sent messages: delivered, seen, or failed after all. */
@Injectable()
export class DeliveryReceipts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Idempotent: a repeated report changes nothing. */
  async record(channel: string, event: DeliveryEvent): Promise<void> {
    if (INVITING_CHANNELS.has(channel)) await this.recordInvitation(channel, event);
    await execute(
      this.dataSource,
      qb
        .updateTable('message')
        .set(updatesOf(event, this.clock.now()))
        .where('channel', '=', channel)
        .where('platform_message_id', '=', event.platformMessageId),
    );
  }

  /** A status of an invitation the channel took (read implies delivered), moving it forward only. */
  private async recordInvitation(channel: string, event: DeliveryEvent): Promise<void> {
    const report = { providerMessageId: event.platformMessageId, status: event.status === 'failed' ? ('failed' as const) : ('delivered' as const), error: event.detail };
    await recordInvitationReports(this.dataSource.manager, channel, [report], this.clock.now());
  }

  /** Every message sent into the chat up to the watermark (a few seconds' slack); idempotent too. */
  async recordUpTo(channel: string, event: WatermarkEvent): Promise<void> {
    await execute(
      this.dataSource,
      qb
        .updateTable('message')
        .set(updatesOf(event, this.clock.now()))
        .where('channel', '=', channel)
        .where('direction', '=', 'out')
        .where('delivery', '=', 'sent')
        .where('sent_at', '<=', new Date(event.watermark + WATERMARK_SLACK_MS))
        .where('identity_id', 'in', qb.selectFrom('customer_identity').select('id').where('channel', '=', channel).where('address', '=', event.address)),
    );
  }
}
