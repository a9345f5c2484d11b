import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock, ConflictError, NotFoundError, UnprocessableError } from '@turbota/common';
import { execute, executeTakeFirst, qb, type QueryTarget } from '@turbota/persistence';
import { KeyedLeaseQueue } from '@turbota/server';
import { OUTBOX_QUEUE } from '../../../bot/src/outbox/outbox-queue';
import { decodeCursor, encodeCursor } from '../keyset-cursor';
import type { DeliveriesQuery } from './deliveries.query';
import { type DeliveryFailure, deliveryFailureOf, failureSummary, type RetryRefusal, retryRefusalOf, retryRefusalText } from './delivery-failure';

/** An outgoing message's delivery, without its text (which may greet the customer by name). */
export interface DeliveryView {
  id: string;
  channel: string;
  conversationId: string | null;
  status: string;
  attempts: number;
  /** Why the last attempt failed, in one line of ours (the platform's own words stay in the logs). */
  lastError: string | null;
  /** The same, typed: category and the platform's HTTP status. */
  failure: DeliveryFailure | null;
  /** A failed message that `POST /deliveries/{id}/retry` would put back in the queue. */
  retryable: boolean;
  /** Why a failed message may not be sent again; null when it may, or when it did not fail. */
  retryRefusal: RetryRefusal | null;
  createdAt: Date;
  sentAt: Date | null;
}

// Positions keep milliseconds, as a cursor does: the database's microseconds would make a page skip rows.
const createdMs = sql<Date>`date_trunc('milliseconds', m.created_at)`;

/** An outgoing message with what is known of its recipient now. */
function deliveries(on: 'list' | 'lock') {
  const query = qb
    .selectFrom('message as m')
    .leftJoin('customer_identity as i', 'i.id', 'm.identity_id')
    .leftJoin('customer as c', 'c.id', 'i.customer_id')
    .select(['m.id', 'm.channel', 'm.conversation_id', 'm.delivery', 'm.attempts', 'm.last_error', 'm.created_at', 'm.sent_at', 'i.unreachable_at', 'c.opted_out_at', 'c.erased_at'])
    .where('m.direction', '=', 'out');
  return on === 'lock' ? query.forUpdate('m') : query;
}

type DeliveryRow = Awaited<ReturnType<ReturnType<typeof deliveries>['execute']>>[number];

function viewOf(m: DeliveryRow): DeliveryView {
  const failure = deliveryFailureOf(m.last_error);
  const refusal = m.delivery === 'failed' ? retryRefusalOf(failure, { unreachable: m.unreachable_at !== null, optedOut: m.opted_out_at !== null, erased: m.erased_at !== null }) : null;
  return {
    id: m.id,
    channel: m.channel,
    conversationId: m.conversation_id,
    status: m.delivery,
    attempts: m.attempts,
    lastError: failure && failureSummary(failure),
    failure,
    retryable: m.delivery === 'failed' && refusal === null,
    retryRefusal: refusal,
    createdAt: m.created_at,
    sentAt: m.sent_at,
  };
}

/** The outbox as operators see it: what is waiting, what went out, what failed and why; and a failed message sent again. */
@Injectable()
export class DeliveriesService {
  private readonly logger = new Logger('Deliveries');
  private readonly outbox: KeyedLeaseQueue<'message'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.outbox = new KeyedLeaseQueue(OUTBOX_QUEUE, dataSource, clock);
  }

  async list(query: DeliveriesQuery): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    let q = deliveries('list');
    if (query.status) q = q.where('m.delivery', '=', query.status);
    if (query.channel) q = q.where('m.channel', '=', query.channel);
    if (query.conversationId) q = q.where('m.conversation_id', '=', query.conversationId);
    if (query.cursor) {
      const { at, id } = decodeCursor(query.cursor);
      q = q.where(sql<boolean>`(${createdMs}, m.id) < (${at}, ${id}::uuid)`);
    }
    const rows = await execute(this.dataSource, q.orderBy(createdMs, 'desc').orderBy('m.id', 'desc').limit(query.limit + 1));
    const page = rows.slice(0, query.limit).map(viewOf);
    const last = page[page.length - 1];
    return { items: page, nextCursor: rows.length > query.limit ? encodeCursor(last.createdAt, last.id) : null };
  }

  /**
   * Puts a failed message back in the outbox, in its chat's order, when what failed it may have
   * passed. The message is checked and requeued in one transaction, so two retries at once
   * requeue it once and the second is refused as waiting.
   */
  async retry(id: string): Promise<DeliveryView> {
    const view = await this.dataSource.transaction(async (tx) => {
      const row = await this.locked(tx, id);
      if (row.delivery === 'pending') throw new ConflictError('The message is already waiting to be sent; it is retried once it is out or has failed again');
      if (row.delivery === 'sent') throw new ConflictError('The message was delivered; there is nothing to retry');
      const refusal = viewOf(row).retryRefusal;
      if (refusal) throw new UnprocessableError(`The message is not sent again: ${retryRefusalText(refusal)}`);
      if (!(await this.outbox.requeue(id, tx))) throw new ConflictError('The message changed while it was being retried; read it again');
      return viewOf(await this.locked(tx, id));
    });
    this.logger.log(`A failed ${view.channel} message was put back in the outbox`);
    return view;
  }

  private async locked(tx: QueryTarget, id: string): Promise<DeliveryRow> {
    const row = await executeTakeFirst(tx, deliveries('lock').where('m.id', '=', id));
    if (!row) throw new NotFoundError('No outgoing message has this id');
    return row;
  }
}
