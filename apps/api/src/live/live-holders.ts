import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { execute, qb } from '@turbota/persistence';

/** Who holds a live stream open: a person's session, or an API key. */
export type LiveHolder = { kind: 'session'; sessionId: string; personId: string } | { kind: 'key'; keyId: string };

// Valid as the API guard judges it on every request: a session neither revoked nor expired whose
// person is still active, a key not revoked.
function stillValid(sessions: string[], keys: string[], now: Date) {
  const validSessions = qb
    .selectFrom('person_session as s')
    .innerJoin('person as p', 'p.id', 's.person_id')
    .select([sql<string>`'session'`.as('kind'), 's.id'])
    .where(sql<boolean>`s.id = ANY(${sessions}::uuid[])`)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('s.idle_expires_at', '>', now)
    .where('p.status', '=', 'active');
  const validKeys = qb
    .selectFrom('api_key as k')
    .select([sql<string>`'key'`.as('kind'), 'k.id'])
    .where(sql<boolean>`k.id = ANY(${keys}::uuid[])`)
    .where('k.revoked_at', 'is', null);
  return validSessions.unionAll(validKeys);
}

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
    const rows = await execute(this.dataSource, stillValid(sessions, keys, this.clock.now()));
    return new Set(rows.map((row) => `${row.kind}:${row.id}`));
  }
}
