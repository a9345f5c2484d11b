import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { CustomerErasureService, ERASED_TEXT } from '@turbota/triggers';

/** What one purge round erased: customers whose whole history is older, and older rows of the others. */
export interface RetentionCounts {
  customers: number;
  contacts: number;
  complaints: number;
  answers: number;
  feedback: number;
  messages: number;
  inputs: number;
}

const OPEN_INCIDENT = `status IN ('new', 'acknowledged', 'in_progress')`;
const ERASED_BODY = JSON.stringify({ kind: 'text', text: ERASED_TEXT });

/**
 * Older rows of customers still active: each statement takes at most `$2` rows older than
 * `$1` that still hold personal data, claimed with SKIP LOCKED, so processes share the work.
 * A complaint whose incident is still open keeps its contact until the incident is settled.
 */
const ROW_PURGES: { key: Exclude<keyof RetentionCounts, 'customers' | 'complaints'>; sql: string }[] = [
  {
    key: 'contacts',
    sql: `UPDATE contact SET phone_sealed = NULL, email_sealed = NULL, phone_index = NULL, email_index = NULL
          WHERE id IN (SELECT id FROM contact WHERE decided_at < $1
                         AND (phone_sealed IS NOT NULL OR email_sealed IS NOT NULL OR phone_index IS NOT NULL OR email_index IS NOT NULL)
                       LIMIT $2 FOR UPDATE SKIP LOCKED)`,
  },
  {
    key: 'answers',
    sql: `UPDATE answer SET text = CASE WHEN score IS NULL AND choice IS NULL THEN '${ERASED_TEXT}' END
          WHERE id IN (SELECT id FROM answer WHERE answered_at < $1 AND text IS NOT NULL AND text <> '${ERASED_TEXT}'
                       LIMIT $2 FOR UPDATE SKIP LOCKED)`,
  },
  {
    key: 'feedback',
    sql: `UPDATE organic_feedback SET text = '${ERASED_TEXT}', voice_file_id = NULL
          WHERE id IN (SELECT id FROM organic_feedback WHERE created_at < $1 AND (text <> '${ERASED_TEXT}' OR voice_file_id IS NOT NULL)
                       LIMIT $2 FOR UPDATE SKIP LOCKED)`,
  },
  {
    key: 'messages',
    sql: `UPDATE message SET body = '${ERASED_BODY}'::jsonb
          WHERE id IN (SELECT id FROM message WHERE created_at < $1 AND delivery <> 'pending' AND body <> '${ERASED_BODY}'::jsonb
                       LIMIT $2 FOR UPDATE SKIP LOCKED)`,
  },
  {
    key: 'inputs',
    sql: `DELETE FROM conversation_input WHERE id IN (SELECT id FROM conversation_input WHERE received_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
  },
  {
    // Queued inputs are applied within seconds; what is left this old was given up on.
    key: 'inputs',
    sql: `DELETE FROM inbound_update WHERE id IN (SELECT id FROM inbound_update WHERE received_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
  },
];

// A complaint's contact and words go together with its incident's copy of the words; the Slack message is drawn again.
const COMPLAINT_PURGE = `
  WITH purged AS (
    UPDATE complaint SET phone_sealed = NULL, email_sealed = NULL, phone_index = NULL, text = NULL
    WHERE id IN (SELECT p.id FROM complaint p
                 WHERE p.created_at < $1 AND (p.phone_sealed IS NOT NULL OR p.email_sealed IS NOT NULL OR p.phone_index IS NOT NULL OR p.text IS NOT NULL)
                   AND NOT EXISTS (SELECT 1 FROM incident i WHERE i.complaint_id = p.id AND i.${OPEN_INCIDENT})
                 LIMIT $2 FOR UPDATE SKIP LOCKED)
    RETURNING id),
  incidents AS (UPDATE incident SET text = NULL WHERE complaint_id IN (SELECT id FROM purged) RETURNING id),
  notices AS (
    INSERT INTO staff_notice (kind, incident_id, status, attempts, next_attempt_at, created_at)
    SELECT 'incident_changed', id, 'pending', 0, $3, $3 FROM incidents)
  SELECT count(*)::int AS n FROM purged`;

// Customers with nothing newer than the cut-off (and no incident still being worked) are erased whole.
const STALE_CUSTOMERS = `
  SELECT c.id FROM customer c
  WHERE c.erased_at IS NULL AND c.created_at < $1
    AND NOT EXISTS (SELECT 1 FROM conversation v WHERE v.customer_id = c.id AND v.updated_at >= $1)
    AND NOT EXISTS (SELECT 1 FROM contact k WHERE k.customer_id = c.id AND k.decided_at >= $1)
    AND NOT EXISTS (SELECT 1 FROM complaint p WHERE p.customer_id = c.id AND p.created_at >= $1)
    AND NOT EXISTS (SELECT 1 FROM incident i WHERE i.customer_id = c.id AND (i.${OPEN_INCIDENT} OR i.updated_at >= $1))
  ORDER BY c.created_at, c.id LIMIT $2`;

/**
 * Purges personal data older than PII_RETENTION_DAYS while every score stays: a customer
 * with no activity since the cut-off is erased as `DELETE /customers/{id}` would; of the
 * others, older contacts lose their phone and e-mail, older complaints, answers and notes
 * their words, older transcripts their text.
 */
@Injectable()
export class RetentionPurge {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly erasure: CustomerErasureService,
  ) {}

  get enabled(): boolean {
    return this.config.piiRetentionDays !== null;
  }

  /** One round of at most `batch` rows per step; all zeros when retention is off. */
  async round(batch = 200): Promise<RetentionCounts> {
    const counts: RetentionCounts = { customers: 0, contacts: 0, complaints: 0, answers: 0, feedback: 0, messages: 0, inputs: 0 };
    if (this.config.piiRetentionDays === null) return counts;
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.config.piiRetentionDays * 86_400_000);
    const stale = await this.dataSource.query<{ id: string }[]>(STALE_CUSTOMERS, [cutoff, batch]);
    for (const { id } of stale) {
      try {
        await this.erasure.erase(id);
        counts.customers++;
      } catch (error) {
        // Another process erased them first.
        if (!(error instanceof NotFoundException)) throw error;
      }
    }
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(COMPLAINT_PURGE, [cutoff, batch, now]);
    counts.complaints = n;
    for (const purge of ROW_PURGES) {
      const [, affected] = await this.dataSource.query<[unknown, number]>(purge.sql, [cutoff, batch]);
      counts[purge.key] += affected;
    }
    return counts;
  }
}
