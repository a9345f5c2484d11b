import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { execute, qb } from '@turbota/persistence';
import type { FeedPosition, FeedRow, FeedTable } from './live-change';

// One statement for both trails, each read along its primary key; the state comes from the row
// the change was made to, written in the same transaction as the audit row. Each trail is its
// own derived table, so its ORDER BY and LIMIT stay its own.
function after(position: FeedPosition, limit: number) {
  const incidents = qb
    .selectFrom('incident_event as e')
    .innerJoin('incident as i', 'i.id', 'e.incident_id')
    .select([sql<FeedTable>`'incident'`.as('table'), 'e.seq', 'e.incident_id as id', 'i.status', 'i.version'])
    .where('e.seq', '>', String(position.incident))
    .orderBy('e.seq')
    .limit(limit);
  const problems = qb
    .selectFrom('problem_event as e')
    .innerJoin('problem as p', 'p.id', 'e.problem_id')
    .select([sql<FeedTable>`'problem'`.as('table'), 'e.seq', 'e.problem_id as id', 'p.status', 'p.version'])
    .where('e.seq', '>', String(position.problem))
    .orderBy('e.seq')
    .limit(limit);
  return qb.selectFrom(incidents.as('a')).selectAll().unionAll(qb.selectFrom(problems.as('b')).selectAll());
}

function tail(limit: number) {
  const incidents = qb.selectFrom('incident_event').select([sql<FeedTable>`'incident'`.as('table'), 'seq']).orderBy('seq', 'desc').limit(limit);
  const problems = qb.selectFrom('problem_event').select([sql<FeedTable>`'problem'`.as('table'), 'seq']).orderBy('seq', 'desc').limit(limit);
  return qb.selectFrom(incidents.as('a')).selectAll().unionAll(qb.selectFrom(problems.as('b')).selectAll());
}

/** Reads the change feed: the audit rows of incidents and problems, in the order of their numbers. */
@Injectable()
export class ChangeFeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The rows after a position, at most `limit` of each trail, with the current state of what each changed. */
  async after(position: FeedPosition, limit: number): Promise<FeedRow[]> {
    const rows = await execute(this.dataSource, after(position, limit));
    return rows.map((row) => ({ table: row.table, seq: Number(row.seq), id: row.id, status: row.status, version: row.version }));
  }

  /** The numbers of the latest `limit` rows of each trail, where a new reader starts. */
  async tail(limit: number): Promise<{ table: FeedTable; seq: number }[]> {
    const rows = await execute(this.dataSource, tail(limit));
    return rows.map((row) => ({ table: row.table, seq: Number(row.seq) }));
  }
}
