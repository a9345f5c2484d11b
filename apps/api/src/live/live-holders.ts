import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';

/** Who holds a live stream open: a person's session, or an API key. */
export type LiveHolder = { kind: 'session'; sessionId: string; personId: string } | { kind: 'key'; keyId: string };

// Valid as the API guard judges it on every request: a session neither revoked nor expired whose
// person is still active, a key not revoked.
const STILL_VALID = `
  SELECT 'session' AS kind, s.id FROM person_session s JOIN person p ON p.id = s.person_id
   WHERE s.id = ANY($1::uuid[]) AND s.revoked_at IS NULL AND s.expires_at > $3 AND s.idle_expires_at > $3 AND p.status = 'active'
  UNION ALL
  SELECT 'key' AS kind, k.id FROM api_key k WHERE k.id = ANY($2::uuid[]) AND k.revoked_at IS NULL`;

/** The credential a holder stands on, as one string. */
export const credentialOf = (holder: LiveHolder) => (holder.kind === 'session' ? `session:${holder.sessionId}` : `key:${holder.keyId}`);

/** Asks the database, for all the streams of a process at once, whose credentials still hold. */
@Injectable()
export class LiveHolders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The credentials (`credentialOf`) among these that still hold: one query, whatever their number. */
  async stillValid(holders: LiveHolder[]): Promise<Set<string>> {
    const sessions = [...new Set(holders.flatMap((h) => (h.kind === 'session' ? [h.sessionId] : [])))];
    const keys = [...new Set(holders.flatMap((h) => (h.kind === 'key' ? [h.keyId] : [])))];
    const rows = await this.dataSource.query<{ kind: string; id: string }[]>(STILL_VALID, [sessions, keys, this.clock.now()]);
    return new Set(rows.map((row) => `${row.kind}:${row.id}`));
  }
}
