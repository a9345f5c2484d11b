import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { execute, executeCount, qb, type QueryTarget } from '@turbota/persistence';
import { PollingWorker } from '@turbota/workers';
import type { DeliveryEvent, WatermarkEvent } from '../channels/channel-adapter';
import { recordInvitationReport } from '../invitations/invitation-reports';
import type { SmsReport, SmsStatus } from '../invitations/sms/sms-provider';

/** What each report sets: the time it came (kept if one came before), or for a failure its reason. */
function updatesOf(event: Pick<DeliveryEvent, 'status' | 'detail'>, at: Date) {
  switch (event.status) {
    case 'delivered':
      return { delivered_at: sql<Date>`coalesce(delivered_at, ${at}::timestamptz)` };
    case 'seen':
      return { seen_at: sql<Date>`coalesce(seen_at, ${at}::timestamptz)`, delivered_at: sql<Date>`coalesce(delivered_at, ${at}::timestamptz)` };
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

/**
 * How long a report that overtook its send is held for the send to be recorded: that takes
 * milliseconds, or the while the database was away. One never matched (a message another
 * application sent from the same account) is dropped after it.
 */
const HELD_FOR_MS = 10 * 60_000;

/** While a report younger than this is held, rounds come every half second; older ones wait for the idle round. */
const FRESH_MS = 30_000;

/** Held reports applied in one round at most. */
const BATCH = 200;

/** A report as held: in the reporter's words, by the reporter's message id. */
interface HeldReport {
  kind: 'channel' | 'provider';
  source: string;
  messageId: string;
  status: string;
  detail: string | null;
}

/**
 * Records what a platform reports of sent messages (delivered, seen, or failed after all) and
 * what an SMS provider reports of the invitations it took.
 *
 * A report can come before Turbota has recorded the send it is about: WhatsApp's status of a
 * message comes within milliseconds of taking it, sooner than the answer to the send is
 * recorded. Such a report is held (`early_receipt`), and this worker's rounds apply it once the
 * message's id is recorded, as of the time it came.
 */
@Injectable()
export class DeliveryReceipts extends PollingWorker<{ applied: number; fresh: boolean }> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(new Logger('DeliveryReceipts'), { firstMs: 1_000, idleMs: 60_000, busyMs: 500 });
  }

  /** A channel's report of a message; idempotent: a repeated report changes nothing. */
  async record(channel: string, event: DeliveryEvent): Promise<void> {
    const now = this.clock.now();
    if ((await this.applyDelivery(this.dataSource, channel, event, now)) === 0) await this.hold(heldDelivery(channel, event), now);
  }

  /** An SMS provider's reports of the invitation texts it took; a status only moves forward. */
  async recordReports(provider: string, reports: readonly SmsReport[]): Promise<void> {
    const now = this.clock.now();
    for (const report of reports) {
      if ((await recordInvitationReport(this.dataSource, provider, report, now)) === 0) await this.hold(heldReport(provider, report), now);
    }
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

  /** Applies the held reports whose messages are now recorded, drops those held too long; fresh when some recent one still waits. */
  async tick(): Promise<{ applied: number; fresh: boolean }> {
    const now = this.clock.now().getTime();
    return this.dataSource.transaction(async (tx) => {
      await executeCount(tx, qb.deleteFrom('early_receipt').where('received_at', '<', new Date(now - HELD_FOR_MS)));
      const due = await execute(
        tx,
        qb
          .deleteFrom('early_receipt')
          .where(
            (eb) => eb.refTuple('kind', 'source', 'message_id', 'status'),
            'in',
            qb
              .selectFrom('early_receipt as e')
              .select(['e.kind', 'e.source', 'e.message_id', 'e.status'])
              // Their message is recorded by now: a message, or an invitation the reporter took.
              .where((eb) =>
                eb.or([
                  eb.exists(eb.selectFrom('message as m').select(eb.lit(1).as('one')).whereRef('m.channel', '=', 'e.source').whereRef('m.platform_message_id', '=', 'e.message_id')),
                  eb.exists(
                    eb.selectFrom('invitation_message as i').select(eb.lit(1).as('one')).whereRef('i.provider', '=', 'e.source').whereRef('i.provider_message_id', '=', 'e.message_id'),
                  ),
                ]),
              )
              .orderBy('e.received_at')
              .limit(BATCH)
              .forUpdate()
              .skipLocked()
              .$asTuple('kind', 'source', 'message_id', 'status'),
          )
          .returningAll(),
      );
      due.sort((a, b) => new Date(a.received_at).getTime() - new Date(b.received_at).getTime());
      for (const row of due) await this.applyHeld(tx, { kind: row.kind as HeldReport['kind'], source: row.source, messageId: row.message_id, status: row.status, detail: row.detail }, new Date(row.received_at));
      const [{ fresh }] = await execute(tx, qb.selectNoFrom((eb) => eb.exists(eb.selectFrom('early_receipt').select(eb.lit(1).as('one')).where('received_at', '>', new Date(now - FRESH_MS))).as('fresh')));
      return { applied: due.length, fresh: Boolean(fresh) };
    });
  }

  protected busy(round: { applied: number; fresh: boolean }): boolean {
    if (round.applied > 0) this.logger.log(`Reports that came before their sends were recorded: ${round.applied} applied`);
    return round.fresh;
  }

  /** The report applied to the messages (and, on an inviting channel, the invitations) with its id; answers how many it touched. */
  private async applyDelivery(on: QueryTarget, channel: string, event: Pick<DeliveryEvent, 'platformMessageId' | 'status' | 'detail'>, at: Date): Promise<number> {
    const invitations = INVITING_CHANNELS.has(channel)
      ? // A status of an invitation the channel took (read implies delivered), moving it forward only.
        await recordInvitationReport(on, channel, { providerMessageId: event.platformMessageId, status: event.status === 'failed' ? 'failed' : 'delivered', error: event.detail }, at)
      : 0;
    const messages = await executeCount(
      on,
      qb.updateTable('message').set(updatesOf(event, at)).where('channel', '=', channel).where('platform_message_id', '=', event.platformMessageId),
    );
    return invitations + messages;
  }

  private async applyHeld(tx: QueryTarget, held: HeldReport, at: Date): Promise<void> {
    if (held.kind === 'provider') {
      await recordInvitationReport(tx, held.source, { providerMessageId: held.messageId, status: held.status as SmsStatus, error: held.detail ?? undefined }, at);
    } else {
      await this.applyDelivery(tx, held.source, { platformMessageId: held.messageId, status: held.status as DeliveryEvent['status'], detail: held.detail ?? undefined }, at);
    }
  }

  /**
   * Holds a report that touched nothing: its message may be recorded a moment later. It is held
   * even when its message is recorded by now (the send's answer came in between, or the report
   * only repeated one before): the next round applies it, which changes nothing a second time.
   */
  private async hold(held: HeldReport, now: Date): Promise<void> {
    const row = { kind: held.kind, source: held.source, message_id: held.messageId, status: held.status, detail: held.detail, received_at: now };
    if ((await executeCount(this.dataSource, qb.insertInto('early_receipt').values(row).onConflict((oc) => oc.doNothing()))) > 0) this.wake();
  }
}

function heldDelivery(channel: string, event: DeliveryEvent): HeldReport {
  return { kind: 'channel', source: channel, messageId: event.platformMessageId, status: event.status, detail: event.detail ?? null };
}

function heldReport(provider: string, report: SmsReport): HeldReport {
  return { kind: 'provider', source: provider, messageId: report.providerMessageId, status: report.status, detail: report.error ?? null };
}
