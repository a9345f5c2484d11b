import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessageEntity } from '@turbota/persistence';
import { decodeCursor, encodeCursor } from '../keyset-cursor';
import type { DeliveriesQuery } from './deliveries.query';
import { type DeliveryFailure, deliveryFailureOf, failureSummary } from './delivery-failure';

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
  createdAt: Date;
  sentAt: Date | null;
}

function viewOf(m: MessageEntity): DeliveryView {
  const failure = deliveryFailureOf(m.lastError);
  return {
    id: m.id,
    channel: m.channel,
    conversationId: m.conversationId,
    status: m.delivery,
    attempts: m.attempts,
    lastError: failure && failureSummary(failure),
    failure,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
  };
}

/** The outbox as operators see it: what is waiting, what went out, what failed and why. */
@Injectable()
export class DeliveriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: DeliveriesQuery): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    const q = this.dataSource.manager.createQueryBuilder(MessageEntity, 'm').where('m.direction = :out', { out: 'out' });
    if (query.status) q.andWhere('m.delivery = :status', { status: query.status });
    if (query.channel) q.andWhere('m.channel = :channel', { channel: query.channel });
    if (query.conversationId) q.andWhere('m.conversationId = :conversationId', { conversationId: query.conversationId });
    if (query.cursor) {
      const { at, id } = decodeCursor(query.cursor);
      q.andWhere('(m.createdAt, m.id) < (:at, :id)', { at, id });
    }
    const rows = await q.orderBy('m.createdAt', 'DESC').addOrderBy('m.id', 'DESC').take(query.limit + 1).getMany();
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(viewOf),
      nextCursor: rows.length > query.limit ? encodeCursor(last.createdAt, last.id) : null,
    };
  }
}
