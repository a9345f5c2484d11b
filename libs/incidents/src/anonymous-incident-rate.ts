import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { execute, type IncidentEntity, qb } from '@turbota/persistence';
import { announcementOf, isAnonymousChannel, rateWindowStart } from './incident-announcement';
import type { NoticeOptions } from './incident-journal';
import { ADVISORY_LOCK_CLASSES } from '@turbota/common';

/**
 * Counts new incidents from anonymous channels across the installation, in the database (so
 * the rate holds across processes), and answers how the new one is announced: on its own,
 * or in the next digest once the rate is reached.
 */
@Injectable()
export class AnonymousIncidentRate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** In the transaction that made `incident` (already saved): the notice it gets. */
  async noticeFor(tx: EntityManager, incident: IncidentEntity, now: Date): Promise<NoticeOptions> {
    const rule = this.config.supervisorNotices;
    if (!isAnonymousChannel(incident.channel, rule)) return {};
    // New incidents from anonymous channels take turns here, so that two processes never both count one short of the rate.
    await execute(tx, sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_CLASSES.anonymousIncidentRate}::int, 0)`);
    const [{ n }] = await execute(
      tx,
      qb
        .selectFrom('incident')
        .select(sql<number>`count(*)::int`.as('n'))
        .where(sql<boolean>`channel = ANY(${rule.anonymousChannels}::text[])`)
        .where('source', '=', 'dialogue')
        .where('created_at', '>', rateWindowStart(now, rule))
        .where('id', '<>', incident.id),
    );
    return announcementOf(incident, n, rule, now);
  }
}
