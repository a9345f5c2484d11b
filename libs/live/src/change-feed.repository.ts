import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FeedPosition, FeedRow, FeedTable } from './live-change';

interface RawRow {
  table: FeedTable;
  seq: string;
  id: string;
  status: string;
  version: number;
}

// One statement for both trails, each read along its primary key; the state comes from the row
// the change was made to, written in the same transaction as the audit row.
const AFTER = `
  (SELECT 'incident' AS "table", e.seq, e.incident_id AS id, i.status, i.version
     FROM incident_event e JOIN incident i ON i.id = e.incident_id
    WHERE e.seq > $1 ORDER BY e.seq LIMIT $3)
  UNION ALL
  (SELECT 'problem' AS "table", e.seq, e.problem_id AS id, p.status, p.version
     FROM problem_event e JOIN problem p ON p.id = e.problem_id
    WHERE e.seq > $2 ORDER BY e.seq LIMIT $3)`;

const TAIL = `
  (SELECT 'incident' AS "table", seq FROM incident_event ORDER BY seq DESC LIMIT $1)
  UNION ALL
  (SELECT 'problem' AS "table", seq FROM problem_event ORDER BY seq DESC LIMIT $1)`;

/** Reads the change feed: the audit rows of incidents and problems, in the order of their numbers. */
@Injectable()
export class ChangeFeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The rows after a position, at most `limit` of each trail, with the current state of what each changed. */
  async after(position: FeedPosition, limit: number): Promise<FeedRow[]> {
    const rows = await this.dataSource.query<RawRow[]>(AFTER, [position.incident, position.problem, limit]);
    return rows.map((row) => ({ table: row.table, seq: Number(row.seq), id: row.id, status: row.status, version: row.version }));
  }

  /** The numbers of the latest `limit` rows of each trail, where a new reader starts. */
  async tail(limit: number): Promise<{ table: FeedTable; seq: number }[]> {
    const rows = await this.dataSource.query<Pick<RawRow, 'table' | 'seq'>[]>(TAIL, [limit]);
    return rows.map((row) => ({ table: row.table, seq: Number(row.seq) }));
  }
}
