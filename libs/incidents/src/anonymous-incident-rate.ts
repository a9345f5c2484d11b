import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import type { IncidentEntity } from '@turbota/persistence';
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
    await tx.query('SELECT pg_advisory_xact_lock($1::int, 0)', [ADVISORY_LOCK_CLASSES.anonymousIncidentRate]);
    const [{ n }] = await tx.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM incident WHERE channel = ANY($1::text[]) AND source = 'dialogue' AND created_at > $2 AND id <> $3`,
      [rule.anonymousChannels, rateWindowStart(now, rule), incident.id],
    );
    return announcementOf(incident, n, rule, now);
  }
}
