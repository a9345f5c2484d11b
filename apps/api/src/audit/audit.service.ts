import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Selectable, sql } from 'kysely';
import { DataSource } from 'typeorm';
import type { AuditAction, AuditActor, AuditSubjectKind, FieldChange } from '@turbota/audit';
import { type Database, execute, qb } from '@turbota/persistence';
import { periodOf } from '../date-range';
import { decodeCursor, encodeCursor } from '../keyset-cursor';
import type { AuditQuery } from './audit.query';

/** A configuration change as the API shows it. */
export interface AuditEntryView {
  id: string;
  occurredAt: Date;
  actor: { kind: AuditActor['kind']; personId: string | null; apiKeyId: string | null; label: string };
  subject: { kind: AuditSubjectKind; id: string; label: string };
  action: AuditAction;
  changes: Record<string, FieldChange>;
}

/** The configuration audit, newest first, for admins. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: AuditQuery): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
    const { start, end } = periodOf(query);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    let q = qb.selectFrom('config_audit').selectAll();
    if (query.subjectKind) q = q.where('subject_kind', '=', query.subjectKind);
    if (query.subjectId) q = q.where('subject_id', '=', query.subjectId);
    if (start) q = q.where('occurred_at', '>=', start);
    if (end) q = q.where('occurred_at', '<', end);
    if (after) q = q.where(sql<boolean>`(occurred_at, id) < (${after.at}, ${after.id}::uuid)`);
    const rows = await execute(this.dataSource, q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1));
    const page = rows.slice(0, query.limit).map(viewOf);
    const last = page[page.length - 1];
    return { items: page, nextCursor: rows.length > query.limit ? encodeCursor(last.occurredAt, last.id) : null };
  }
}

type AuditRow = Selectable<Database['config_audit']>;

// The table's checks hold the kinds and actions to these sets.
function viewOf(r: AuditRow): AuditEntryView {
  return {
    id: r.id,
    occurredAt: new Date(r.occurred_at),
    actor: { kind: r.actor_kind as AuditActor['kind'], personId: r.actor_person_id, apiKeyId: r.actor_api_key_id, label: r.actor_label },
    subject: { kind: r.subject_kind as AuditSubjectKind, id: r.subject_id, label: r.subject_label },
    action: r.action as AuditAction,
    changes: r.changes as unknown as Record<string, FieldChange>,
  };
}
