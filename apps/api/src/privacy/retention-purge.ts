import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK, NotFoundError } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { OPEN_STATUSES } from '@turbota/incidents';
import { type Database, execute, executeCount, executeTakeFirst, qb, type TypedQuery } from '@turbota/persistence';
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

const ERASED_BODY = sql<Database['message']['body']>`${JSON.stringify({ kind: 'text', text: ERASED_TEXT })}::jsonb`;

/** The rows one statement may take: at most `batch`, older than `cutoff`. */
interface Batch {
  cutoff: Date;
  batch: number;
}

/**
 * Older rows of customers still active: each statement takes at most `batch` rows older than
 * `cutoff` that still hold personal data, claimed with SKIP LOCKED, so processes share the work.
 */
const ROW_PURGES: { key: Exclude<keyof RetentionCounts, 'customers' | 'complaints'>; query: (b: Batch) => TypedQuery<unknown> }[] = [
  {
    key: 'contacts',
    query: ({ cutoff, batch }) =>
      qb
        .updateTable('contact')
        .set({ phone_sealed: null, email_sealed: null, phone_index: null, email_index: null })
        .where(
          'id',
          'in',
          qb
            .selectFrom('contact')
            .select('id')
            .where('decided_at', '<', cutoff)
            .where((eb) => eb.or([eb('phone_sealed', 'is not', null), eb('email_sealed', 'is not', null), eb('phone_index', 'is not', null), eb('email_index', 'is not', null)]))
            .limit(batch)
            .forUpdate()
            .skipLocked(),
        ),
  },
  {
    key: 'answers',
    query: ({ cutoff, batch }) =>
      qb
        .updateTable('answer')
        .set((eb) => ({ text: eb.case().when(eb.and([eb('score', 'is', null), eb('choice', 'is', null)])).then(ERASED_TEXT).end() }))
        .where(
          'id',
          'in',
          qb.selectFrom('answer').select('id').where('answered_at', '<', cutoff).where('text', 'is not', null).where('text', '<>', ERASED_TEXT).limit(batch).forUpdate().skipLocked(),
        ),
  },
  {
    key: 'feedback',
    query: ({ cutoff, batch }) =>
      qb
        .updateTable('organic_feedback')
        .set({ text: ERASED_TEXT, voice_file_id: null })
        .where(
          'id',
          'in',
          qb
            .selectFrom('organic_feedback')
            .select('id')
            .where('created_at', '<', cutoff)
            .where((eb) => eb.or([eb('text', '<>', ERASED_TEXT), eb('voice_file_id', 'is not', null)]))
            .limit(batch)
            .forUpdate()
            .skipLocked(),
        ),
  },
  {
    key: 'messages',
    query: ({ cutoff, batch }) =>
      qb
        .updateTable('message')
        .set({ body: ERASED_BODY })
        .where(
          'id',
          'in',
          qb.selectFrom('message').select('id').where('created_at', '<', cutoff).where('delivery', '<>', 'pending').where('body', '<>', ERASED_BODY).limit(batch).forUpdate().skipLocked(),
        ),
  },
  {
    key: 'inputs',
    query: ({ cutoff, batch }) =>
      qb.deleteFrom('conversation_input').where('id', 'in', qb.selectFrom('conversation_input').select('id').where('received_at', '<', cutoff).limit(batch).forUpdate().skipLocked()),
  },
  {
    // Queued inputs are applied within seconds; what is left this old was given up on.
    key: 'inputs',
    query: ({ cutoff, batch }) =>
      qb.deleteFrom('inbound_update').where('id', 'in', qb.selectFrom('inbound_update').select('id').where('received_at', '<', cutoff).limit(batch).forUpdate().skipLocked()),
  },
];

/**
 * A complaint's contact and words go together with its incident's copy of the words; the Slack
 * message is drawn again. A complaint whose incident is still open keeps its contact until the
 * incident is settled. Answers how many complaints were purged.
 */
function complaintPurge({ cutoff, batch }: Batch, now: Date) {
  return qb
    .with('purged', (db) =>
      db
        .updateTable('complaint')
        .set({ phone_sealed: null, email_sealed: null, phone_index: null, text: null })
        .where(
          'id',
          'in',
          db
            .selectFrom('complaint as p')
            .select('p.id')
            .where('p.created_at', '<', cutoff)
            .where((eb) => eb.or([eb('p.phone_sealed', 'is not', null), eb('p.email_sealed', 'is not', null), eb('p.phone_index', 'is not', null), eb('p.text', 'is not', null)]))
            .where((eb) => eb.not(eb.exists(eb.selectFrom('incident as i').select(eb.lit(1).as('one')).whereRef('i.complaint_id', '=', 'p.id').where('i.status', 'in', OPEN_STATUSES))))
            .limit(batch)
            .forUpdate()
            .skipLocked(),
        )
        .returning('id'),
    )
    .with('incidents', (db) =>
      db
        .updateTable('incident')
        .set({ text: null })
        .where('complaint_id', 'in', db.selectFrom('purged').select('id'))
        .returning('id'),
    )
    .with('notices', (db) =>
      db
        .insertInto('staff_notice')
        .columns(['kind', 'incident_id', 'status', 'attempts', 'next_attempt_at', 'created_at'])
        .expression((eb) =>
          eb.selectFrom('incidents').select([sql.lit('incident_changed').as('kind'), 'id', sql.lit('pending').as('status'), sql.lit(0).as('attempts'), eb.val(now).as('next_attempt_at'), eb.val(now).as('created_at')]),
        ),
    )
    .selectFrom('purged')
    .select(sql<number>`count(*)::int`.as('n'));
}

/** Customers with nothing newer than the cut-off (and no incident still being worked) are erased whole. */
function staleCustomers({ cutoff, batch }: Batch) {
  return qb
    .selectFrom('customer as c')
    .select('c.id')
    .where('c.erased_at', 'is', null)
    .where('c.created_at', '<', cutoff)
    .where((eb) =>
      eb.and([
        eb.not(eb.exists(eb.selectFrom('conversation as v').select(eb.lit(1).as('one')).whereRef('v.customer_id', '=', 'c.id').where('v.updated_at', '>=', cutoff))),
        eb.not(eb.exists(eb.selectFrom('contact as k').select(eb.lit(1).as('one')).whereRef('k.customer_id', '=', 'c.id').where('k.decided_at', '>=', cutoff))),
        eb.not(eb.exists(eb.selectFrom('complaint as p').select(eb.lit(1).as('one')).whereRef('p.customer_id', '=', 'c.id').where('p.created_at', '>=', cutoff))),
        eb.not(
          eb.exists(
            eb
              .selectFrom('incident as i')
              .select(eb.lit(1).as('one'))
              .whereRef('i.customer_id', '=', 'c.id')
              .where((ib) => ib.or([ib('i.status', 'in', OPEN_STATUSES), ib('i.updated_at', '>=', cutoff)])),
          ),
        ),
      ]),
    )
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(batch);
}

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
    const stale = await execute(this.dataSource, staleCustomers({ cutoff, batch }));
    for (const { id } of stale) {
      try {
        await this.erasure.erase(id);
        counts.customers++;
      } catch (error) {
        // Another process erased them first.
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    counts.complaints = (await executeTakeFirst(this.dataSource, complaintPurge({ cutoff, batch }, now)))?.n ?? 0;
    for (const purge of ROW_PURGES) counts[purge.key] += await executeCount(this.dataSource, purge.query({ cutoff, batch }));
    return counts;
  }
}
