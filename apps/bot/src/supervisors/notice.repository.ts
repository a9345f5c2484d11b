import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource, IsNull } from 'typeorm';
import { ADVISORY_LOCK_CLASSES, type Clock, CLOCK } from '@turbota/common';
import { type Actor, HISTORY_RELATIONS, historyEntryOf, type IncidentHistoryEntry, type ProblemHistoryEntry } from '@turbota/incidents';
import { execute, executeTakeFirst, IncidentEventEntity, ProblemEventEntity, qb, type StaffNoticeKind } from '@turbota/persistence';
import { KeyedLeaseQueue, type QueueTable } from '@turbota/server';
import type { DigestedIncident } from './incident-digest';

/** A claimed notice: the oldest pending one of its incident or problem, leased to this process. */
export interface ClaimedNotice {
  seq: string;
  kind: StaffNoticeKind;
  incidentId: string | null;
  problemId: string | null;
  attempts: number;
}

/** A digest notice claimed for the next digest message. */
export interface ClaimedDigestNotice {
  seq: string;
  incidentId: string;
  attempts: number;
}

/** An audit row not yet in the Slack thread. */
export type UnpostedEntry<T> = T & { seq: string };

/** The notices posted one subject at a time: an incident, or a problem (with its incidents), a key. */
const NOTICES: QueueTable<'staff_notice'> = {
  table: 'staff_notice',
  id: 'seq',
  seq: 'seq',
  dueAt: 'next_attempt_at',
  state: { status: 'status' },
  member: (row) => sql`${row('kind')} <> 'incident_digest'`,
  sameKey: (a, b) =>
    sql`CASE WHEN ${b('problem_id')} IS NULL THEN ${a('problem_id')} IS NULL AND ${a('incident_id')} = ${b('incident_id')} ELSE ${a('problem_id')} = ${b('problem_id')} END`,
  claimOrder: ['next_attempt_at', 'seq'],
};

/** The incidents held back for a digest: no key, as one digest message lists them together once their period ends. */
const DIGEST_NOTICES: QueueTable<'staff_notice'> = { ...NOTICES, member: (row) => sql`${row('kind')} = 'incident_digest'`, sameKey: undefined };

/**
 * The supervisors' notices over `staff_notice`, and the Slack bookkeeping on incidents and
 * problems. A claim takes only the oldest pending notice of each incident or problem and
 * leases it: while it is pending, no process claims a later one of the same subject, so one
 * subject's message is never posted twice by two processes, and its changes go out in order.
 */
@Injectable()
export class NoticeRepository {
  private readonly notices: KeyedLeaseQueue<'staff_notice'>;
  private readonly digests: KeyedLeaseQueue<'staff_notice'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.notices = new KeyedLeaseQueue(NOTICES, dataSource, clock);
    this.digests = new KeyedLeaseQueue(DIGEST_NOTICES, dataSource, clock);
  }

  async claim(options: { limit: number; leaseMs: number }): Promise<ClaimedNotice[]> {
    const rows = await this.notices.claim({ ...options, returning: ['q.seq', 'q.kind', 'q.incident_id', 'q.problem_id', 'q.attempts'] });
    return rows.map((r) => ({ seq: String(r.seq), kind: r.kind as StaffNoticeKind, incidentId: r.incident_id, problemId: r.problem_id, attempts: r.attempts }));
  }

  /**
   * The pending notices of the claimed one's subject, itself included: one send renders the
   * subject as it is now, so it answers all of them. Read before rendering, so none that
   * arrives meanwhile is marked sent unseen.
   */
  async covered(head: ClaimedNotice): Promise<{ seq: string; kind: StaffNoticeKind }[]> {
    const { problemId, incidentId } = head;
    const rows = await execute(
      this.dataSource,
      qb
        .selectFrom('staff_notice')
        .select(['seq', 'kind'])
        .where('status', '=', 'pending')
        .where('seq', '>=', head.seq)
        .where('kind', '<>', 'incident_digest')
        .where((eb) => (problemId ? eb('problem_id', '=', problemId) : eb.and([eb('problem_id', 'is', null), incidentId === null ? eb.lit(false) : eb('incident_id', '=', incidentId)])))
        .orderBy('seq'),
    );
    return rows.map((r) => ({ seq: String(r.seq), kind: r.kind as StaffNoticeKind }));
  }

  /**
   * The digest notices whose period has ended, leased like a claim (`SKIP LOCKED`): they go
   * out together as one digest message.
   */
  async claimDigest(options: { limit: number; leaseMs: number }): Promise<ClaimedDigestNotice[]> {
    const rows = await this.digests.claim({ ...options, returning: ['q.seq', 'q.incident_id', 'q.attempts'] });
    // A digest notice is always of an incident (the column is nullable for the problems' notices).
    return rows.map((r) => ({ seq: String(r.seq), incidentId: r.incident_id as string, attempts: r.attempts }));
  }

  /** The incidents of a digest, as it lists them (no contact, no words). */
  async digestedIncidents(ids: string[]): Promise<DigestedIncident[]> {
    const rows = await execute(
      this.dataSource,
      qb
        .selectFrom('incident')
        .select(['number', 'priority', 'reason_code', 'point_of_service', 'channel', 'created_at'])
        .select((eb) =>
          eb
            .and([eb('status', 'in', ['new', 'acknowledged', 'in_progress']), eb.or([eb('ack_breached_at', 'is not', null), eb('resolve_breached_at', 'is not', null)])])
            .as('breached'),
        )
        .where('id', '=', sql<string>`ANY(${ids}::uuid[])`)
        .orderBy('number'),
    );
    return rows.map((r) => ({
      number: r.number,
      priority: r.priority,
      reasonCode: r.reason_code,
      pointOfService: r.point_of_service,
      channel: r.channel,
      createdAt: new Date(r.created_at),
      breached: r.breached === true,
    }));
  }

  /** Lists the incident in the digest due at `dueAt` (again: an SLA breach of an incident that only a digest announced). */
  async digestAgain(incidentId: string, dueAt: Date): Promise<void> {
    await execute(
      this.dataSource,
      qb.insertInto('staff_notice').values({ kind: 'incident_digest', incident_id: incidentId, status: 'pending', attempts: 0, next_attempt_at: dueAt, created_at: this.clock.now() }),
    );
  }

  /** Whether the incident was announced in a digest rather than on its own. */
  async isDigested(incidentId: string): Promise<boolean> {
    const found = await executeTakeFirst(this.dataSource, qb.selectFrom('staff_notice').select('seq').where('incident_id', '=', incidentId).where('kind', '=', 'incident_digest').limit(1));
    return found !== undefined;
  }

  /**
   * Takes one `<!here>` from the budget for an SLA notice: true when fewer than `limit` were
   * used within the window (counted in the database, under a lock, so processes share one
   * budget). A notice that took one keeps it, so a retried announcement mentions again.
   */
  async takeMention(seq: string, budget: { limit: number; windowMs: number }): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      // SLA announcements take turns on the `<!here>` budget, so two processes never both take its last mention.
      await execute(tx, sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_CLASSES.slaMentions}::int, 0)`);
      const mine = await executeTakeFirst(tx, qb.selectFrom('staff_notice').select('mentioned_at').where('seq', '=', seq));
      if (mine?.mentioned_at) return true;
      const now = this.clock.now();
      const used = await executeTakeFirst(
        tx,
        qb
          .selectFrom('staff_notice')
          .select((eb) => sql<number>`${eb.fn.countAll()}::int`.as('n'))
          .where('mentioned_at', '>', new Date(now.getTime() - budget.windowMs)),
      );
      if ((used?.n ?? 0) >= budget.limit) return false;
      await execute(tx, qb.updateTable('staff_notice').set({ mentioned_at: now }).where('seq', '=', seq));
      return true;
    });
  }

  async sent(seqs: string[]): Promise<void> {
    await execute(
      this.dataSource,
      qb
        .updateTable('staff_notice')
        .set({ status: 'sent', sent_at: this.clock.now(), next_attempt_at: null, last_error: null })
        .where('seq', '=', sql<string>`ANY(${seqs}::bigint[])`)
        .where('status', '=', 'pending'),
    );
  }

  /** Tries again after `delayMs`; `counts: false` when the failure was not the notice's (a rate limit). */
  async retry(seq: string, options: { delayMs: number; error: string; counts: boolean }): Promise<void> {
    await this.notices.retry(seq, options);
  }

  /** Gives a notice up; the next one of its subject renders the subject afresh anyway. */
  async failed(seq: string, error: string): Promise<void> {
    await this.notices.fail(seq, error);
  }

  /** Records where an incident's or a problem's message is (not a change of the incident: its version stays). */
  async placeMessage(subject: { table: 'incident' | 'problem'; id: string }, at: { channel: string; ts: string }): Promise<void> {
    await execute(this.dataSource, qb.updateTable(subject.table).set({ slack_channel: at.channel, slack_ts: at.ts }).where('id', '=', subject.id));
  }

  async unpostedIncidentEntries(incidentId: string): Promise<UnpostedEntry<IncidentHistoryEntry>[]> {
    const rows = await this.dataSource.manager.find(IncidentEventEntity, { where: { incidentId, threadPostedAt: IsNull() }, relations: HISTORY_RELATIONS, order: { seq: 'ASC' } });
    return rows.map((row) => ({ ...historyEntryOf(row), seq: String(row.seq) }));
  }

  async unpostedProblemEntries(problemId: string): Promise<UnpostedEntry<ProblemHistoryEntry>[]> {
    const rows = await this.dataSource.manager.find(ProblemEventEntity, { where: { problemId, threadPostedAt: IsNull() }, order: { seq: 'ASC' } });
    return rows.map((row) => ({
      ...entryOf(row),
      action: row.action as ProblemHistoryEntry['action'],
      to: row.toStatus as ProblemHistoryEntry['to'],
      from: row.fromStatus as ProblemHistoryEntry['from'],
      incidentId: row.incidentId,
    }));
  }

  /** Marks one audit row as posted to its thread, so a retry never posts it twice. */
  async markPosted(table: 'incident_event' | 'problem_event', seq: string): Promise<void> {
    await execute(this.dataSource, qb.updateTable(table).set({ thread_posted_at: this.clock.now() }).where('seq', '=', seq));
  }
}

function entryOf(row: { seq: string; createdAt: Date; actorKind: string; actorId: string; actorName: string | null; note: string | null }) {
  const actor: Actor = { kind: row.actorKind as Actor['kind'], id: row.actorId, ...(row.actorName ? { name: row.actorName } : {}) };
  return { seq: String(row.seq), at: row.createdAt, actor, note: row.note };
}
