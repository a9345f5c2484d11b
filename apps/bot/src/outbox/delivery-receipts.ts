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

/**
 * A report as it is applied and, when it touched nothing, held (an `early_receipt` row): a
 * channel's status of a message, or an SMS provider's of an invitation, in the reporter's words.
 */
interface Report {
  kind: 'channel' | 'provider';
  source: string;
  message_id: string;
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
    await this.recordOne({ kind: 'channel', source: channel, message_id: event.platformMessageId, status: event.status, detail: event.detail ?? null });
  }

  /** An SMS provider's reports of the invitation texts it took; a status only moves forward. */
  async recordReports(provider: string, reports: readonly SmsReport[]): Promise<void> {
    for (const report of reports) await this.recordOne({ kind: 'provider', source: provider, message_id: report.providerMessageId, status: report.status, detail: report.error ?? null });
  }

  /**
   * Applies a report now; one that touched nothing is held, since its message may be recorded a
   * moment later. It is held even when its message is recorded by now (the send's answer came
   * in between, or the report only repeated one before): applied again, it changes nothing.
   */
  private async recordOne(report: Report): Promise<void> {
    const now = this.clock.now();
    if ((await this.apply(this.dataSource, report, now)) > 0) return;
    if ((await executeCount(this.dataSource, qb.insertInto('early_receipt').values({ ...report, received_at: now }).onConflict((oc) => oc.doNothing()))) > 0) this.wake();
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
      for (const { received_at, ...held } of due) await this.apply(tx, { ...held, kind: held.kind as Report['kind'] }, new Date(received_at));
      const [{ fresh }] = await execute(tx, qb.selectNoFrom((eb) => eb.exists(eb.selectFrom('early_receipt').select(eb.lit(1).as('one')).where('received_at', '>', new Date(now - FRESH_MS))).as('fresh')));
      return { applied: due.length, fresh: Boolean(fresh) };
    });
  }

  protected busy(round: { applied: number; fresh: boolean }): boolean {
    if (round.applied > 0) this.logger.log(`Reports that came before their sends were recorded: ${round.applied} applied`);
    return round.fresh;
  }

  /**
   * Applies a report, as of `at`, to what carries its id: the invitations of an SMS provider;
   * the messages of a channel, and on an inviting channel its invitations (read implies
   * delivered; an invitation's status only moves forward). Answers how many rows it touched.
   */
  private async apply(on: QueryTarget, report: Report, at: Date): Promise<number> {
    const error = report.detail ?? undefined;
    if (report.kind === 'provider') return recordInvitationReport(on, report.source, { providerMessageId: report.message_id, status: report.status as SmsStatus, error }, at);
    const status = report.status as DeliveryEvent['status'];
    const invitations = INVITING_CHANNELS.has(report.source)
      ? await recordInvitationReport(on, report.source, { providerMessageId: report.message_id, status: status === 'failed' ? 'failed' : 'delivered', error }, at)
      : 0;
    const messages = await executeCount(
      on,
      qb.updateTable('message').set(updatesOf({ status, detail: error }, at)).where('channel', '=', report.source).where('platform_message_id', '=', report.message_id),
    );
    return invitations + messages;
  }
}
