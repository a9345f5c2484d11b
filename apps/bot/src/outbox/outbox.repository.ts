import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK, isLocale, type Locale } from '@turbota/common';
import { type OutboundBody, withCustomerName, withOwnContact } from '@turbota/dialogue';
import { execute, qb } from '@turbota/persistence';
import { PiiCipher, PiiDecryptionError } from '@turbota/privacy';
import { KeyedLeaseQueue } from '@turbota/server';
import { OUTBOX_QUEUE } from './outbox-queue';

/** A message claimed for sending: leased, so no other process sends it meanwhile. */
export interface ClaimedMessage {
  id: string;
  identityId: string;
  address: string;
  reference: unknown;
  body: OutboundBody;
  /** The customer's language, as the customer was first seen or invited in. */
  locale: Locale | undefined;
  attempts: number;
  /** The `traceparent` of the step that wrote it (tracing was on then), which its send continues. */
  traceParent: string | null;
}

/**
 * The outbox queue over the `message` table. Claims take only the oldest pending message of
 * each chat (so a chat's messages go out in order), skip rows another process holds, and
 * lease them: a process that dies mid-send leaves them to be sent again when the lease ends.
 */
@Injectable()
export class OutboxRepository {
  private readonly queue: KeyedLeaseQueue<'message'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cipher: PiiCipher,
  ) {
    this.queue = new KeyedLeaseQueue(OUTBOX_QUEUE, dataSource, clock);
  }

  async claim(options: { channel: string; limit: number; leaseMs: number; perChatIntervalMs: number }): Promise<ClaimedMessage[]> {
    const since = new Date(this.clock.now().getTime() - options.perChatIntervalMs);
    const rows = await this.queue.claim({
      limit: options.limit,
      leaseMs: options.leaseMs,
      // This channel's chats, and only those that had nothing sent within the platform's interval.
      where: (eb) =>
        eb.and([
          eb('h.channel', '=', options.channel),
          eb.not(
            eb.exists(
              eb
                .selectFrom('message as s')
                .select(sql.lit(1).as('one'))
                .whereRef('s.identity_id', '=', 'h.identity_id')
                .where('s.direction', '=', sql.lit('out'))
                .where('s.sent_at', '>', since),
            ),
          ),
        ]),
      join: { tables: { i: 'customer_identity', c: 'customer' }, on: (eb) => eb.and([eb('i.id', '=', eb.ref('q.identity_id')), eb('c.id', '=', eb.ref('i.customer_id'))]) },
      returning: ['q.id', 'q.identity_id', 'i.address', 'i.reference', 'q.body', 'q.attempts', 'c.name_sealed', 'c.locale', 'q.trace_parent'],
    });
    // The body is what the dialogue wrote: an outbound message.
    const bodyOf = (r: (typeof rows)[number]) => r.body as unknown as OutboundBody;
    return rows.map((r) => ({ id: r.id, identityId: r.identity_id, address: r.address, reference: r.reference, body: withOwnContact(withCustomerName(bodyOf(r), this.nameOf(r.name_sealed)), (sealed) => this.opened(Buffer.from(sealed, 'base64'))), locale: isLocale(r.locale) ? r.locale : undefined, attempts: r.attempts, traceParent: r.trace_parent }));
  }

  /** The customer's name for a greeting; none once erased, or if it was sealed with a key no longer configured. */
  private nameOf(sealed: Buffer | null): string | null {
    return sealed ? this.opened(sealed) : null;
  }

  /** A sealed value of the customer's (a name, their own contact), or null when it cannot be opened. */
  private opened(sealed: Buffer): string | null {
    try {
      return this.cipher.open(sealed);
    } catch (error) {
      if (error instanceof PiiDecryptionError) return null;
      throw error;
    }
  }

  async sent(id: string, platformMessageId: string | undefined): Promise<void> {
    await execute(
      this.dataSource,
      qb
        .updateTable('message')
        .set({ delivery: 'sent', sent_at: this.clock.now(), next_attempt_at: null, last_error: null, platform_message_id: platformMessageId ?? null })
        .where('id', '=', id),
    );
  }

  /** Tries again after `delayMs`; `counts: false` when the failure was not the message's (a rate limit). */
  async retry(id: string, options: { delayMs: number; error: string; counts: boolean }): Promise<void> {
    await this.queue.retry(id, options);
  }

  /** Gives one message up for good. */
  async failed(id: string, error: string): Promise<void> {
    await this.queue.fail(id, error);
  }

  /**
   * The customer cannot be reached on this address: the address is marked, everything still
   * pending for it fails, and its open conversations end, in one transaction.
   */
  async unreachable(identityId: string, error: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      await execute(tx, qb.updateTable('customer_identity').set((eb) => ({ unreachable_at: eb.fn.coalesce('unreachable_at', eb.val(now)) })).where('id', '=', identityId));
      await execute(
        tx,
        qb
          .updateTable('message')
          .set({ delivery: 'failed', next_attempt_at: null, last_error: error.slice(0, 500) })
          .where('identity_id', '=', identityId)
          .where('direction', '=', 'out')
          .where('delivery', '=', 'pending'),
      );
      await execute(tx, qb.updateTable('conversation').set({ status: 'unreachable', ended_at: now }).where('identity_id', '=', identityId).where('status', '=', 'open'));
    });
  }
}
