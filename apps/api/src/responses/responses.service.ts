import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AnswerEntity } from '@turbota/persistence';
import { periodOf } from '../date-range';
import { decodeCursor, encodeCursor } from '../keyset-cursor';
import type { ResponsesFilters, ResponsesQuery } from './responses.query';

/** An answer as integrations read it: what was asked, what was said, and the contact's attributes; no personal data. */
export interface ResponseView {
  id: string;
  /** Null for an imported answer. */
  conversationId: string | null;
  /** dialogue (our own survey) or import (another tool's answers, brought in by CSV). */
  source: string;
  answeredAt: Date;
  questionCode: string;
  questionType: string;
  questionText: string;
  poolId: string | null;
  poolVersion: number | null;
  factor: string | null;
  integral: boolean;
  score: number | null;
  choice: string | null;
  text: string | null;
  channel: string;
  locale: string;
  pointOfService: string | null;
  agent: string | null;
  serviceType: string | null;
}

const EXACT_FILTERS = ['channel', 'locale', 'pointOfService', 'agent', 'serviceType', 'questionCode', 'questionType', 'conversationId', 'source'] as const;

/** Stored answers, newest first, paged by a cursor so that new answers never shift a page. */
@Injectable()
export class ResponsesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: ResponsesQuery): Promise<{ items: ResponseView[]; nextCursor: string | null }> {
    const q = this.filtered(query);
    if (query.cursor) {
      const { at, id } = decodeCursor(query.cursor);
      q.andWhere('(a.answeredAt, a.id) < (:at, :id)', { at, id });
    }
    const rows = await q.orderBy('a.answeredAt', 'DESC').addOrderBy('a.id', 'DESC').take(query.limit + 1).getMany();
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map(viewOf), nextCursor: rows.length > query.limit ? encodeCursor(last.answeredAt, last.id) : null };
  }

  /** Answers matching the filters, oldest first, in pages of `pageSize`: each page is one short query, so a large export never holds a connection. */
  async *pages(query: ResponsesFilters, pageSize = 1000): AsyncGenerator<AnswerEntity[]> {
    let after: { at: string; id: string } | undefined;
    for (;;) {
      const q = this.filtered(query).addSelect(`to_char(a.answeredAt AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`, 'cursor_at');
      // The position keeps the database's microseconds: a JS Date would cut them and could serve a row twice.
      if (after) q.andWhere(`(a.answeredAt, a.id) > ((:at)::timestamp AT TIME ZONE 'UTC', :id)`, after);
      const { entities, raw } = await q.orderBy('a.answeredAt', 'ASC').addOrderBy('a.id', 'ASC').limit(pageSize).getRawAndEntities<{ cursor_at: string }>();
      if (entities.length > 0) yield entities;
      if (entities.length < pageSize) return;
      after = { at: raw[raw.length - 1].cursor_at, id: entities[entities.length - 1].id };
    }
  }

  private filtered(query: ResponsesFilters) {
    const q = this.dataSource.manager.createQueryBuilder(AnswerEntity, 'a');
    for (const field of EXACT_FILTERS) if (query[field] !== undefined) q.andWhere(`a.${field} = :${field}`, { [field]: query[field] });
    if (query.integral !== undefined) q.andWhere('a.integral = :integral', { integral: query.integral === 'true' });
    const { start, end } = periodOf(query);
    if (start) q.andWhere('a.answeredAt >= :start', { start });
    if (end) q.andWhere('a.answeredAt < :end', { end });
    return q;
  }
}

function viewOf(a: AnswerEntity): ResponseView {
  return {
    id: a.id,
    conversationId: a.conversationId,
    source: a.source,
    answeredAt: a.answeredAt,
    questionCode: a.questionCode,
    questionType: a.questionType,
    questionText: a.questionText,
    poolId: a.poolId,
    poolVersion: a.poolVersion,
    factor: a.factor,
    integral: a.integral,
    score: a.score,
    choice: a.choice,
    text: a.text,
    channel: a.channel,
    locale: a.locale,
    pointOfService: a.pointOfService,
    agent: a.agent,
    serviceType: a.serviceType,
  };
}
