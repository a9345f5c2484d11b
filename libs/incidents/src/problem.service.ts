import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK, InvalidInputError, NotFoundError } from '@turbota/common';
import { execute, ProblemEntity, ProblemEventEntity, qb } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import type { Actor } from './incident.model';
import { IncidentJournal } from './incident-journal';
import { type IncidentPage, incidentRows } from './incident-list';
import { actorOf, type IncidentRow, incidentViewOf } from './incident-view';
import {
  allowedProblemActions,
  nextProblemStatus,
  PROBLEM_ACTIONS,
  type ProblemAction,
  type ProblemDetail,
  type ProblemHistoryEntry,
  type ProblemStatus,
  type ProblemView,
} from './problem.model';
import type { ProblemDimension } from './problem-rule';
import { VersionConflictError } from './version-conflict.error';

/** What problems to list. */
export interface ProblemFilters {
  status?: ProblemStatus[];
  reasonCode?: string;
  dimension?: ProblemDimension;
  limit: number;
  after?: { at: Date; id: string };
}

/** A change to a problem: investigate, fix or reopen, by someone, with an optional note. */
export interface ProblemCommand {
  action: ProblemAction;
  actor: Actor;
  note?: string;
  expectedVersion?: number;
}

/** Problems (repeated incidents): read them with their incidents and history, and move them through their lifecycle. */
@Injectable()
export class ProblemService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cipher: PiiCipher,
    private readonly journal: IncidentJournal,
  ) {}

  async list(filters: ProblemFilters): Promise<IncidentPage<ProblemView>> {
    const query = this.dataSource.manager.createQueryBuilder(ProblemEntity, 'p');
    if (filters.status?.length) query.andWhere('p.status IN (:...status)', { status: filters.status });
    if (filters.reasonCode) query.andWhere('p.reasonCode = :reasonCode', { reasonCode: filters.reasonCode });
    if (filters.dimension) query.andWhere('p.dimension = :dimension', { dimension: filters.dimension });
    if (filters.after) query.andWhere('(p.createdAt, p.id) < (:at, :afterId)', { at: filters.after.at, afterId: filters.after.id });
    const rows = await query.orderBy('p.createdAt', 'DESC').addOrderBy('p.id', 'DESC').limit(filters.limit + 1).getMany();
    const items = rows.slice(0, filters.limit);
    const counts = await this.incidentCounts(items.map((p) => p.id));
    const last = items[items.length - 1];
    return { items: items.map((p) => problemViewOf(p, counts.get(p.id) ?? 0)), next: rows.length > filters.limit ? { at: last.createdAt, id: last.id } : null };
  }

  async get(id: string, options: { revealContacts?: boolean } = {}): Promise<ProblemDetail> {
    const problem = await this.dataSource.manager.findOneBy(ProblemEntity, { id });
    if (!problem) throw new NotFoundError(`No problem ${id}`);
    const incidents = (await incidentRows(this.dataSource.manager).where('i.problemId = :id', { id }).orderBy('i.createdAt', 'DESC').getMany()) as IncidentRow[];
    const events = await this.dataSource.manager.find(ProblemEventEntity, { where: { problemId: id }, order: { seq: 'ASC' } });
    return {
      ...problemViewOf(problem, incidents.length),
      incidents: incidents.map((row) => incidentViewOf(row, this.cipher, options.revealContacts ?? false)),
      history: events.map(problemEntryOf),
    };
  }

  /** 404 for an unknown id, 400 for an unknown action, 409 for one the status does not allow or a stale version. */
  async transition(id: string, command: ProblemCommand, options: { revealContacts?: boolean } = {}): Promise<ProblemDetail> {
    if (!(PROBLEM_ACTIONS as readonly string[]).includes(command.action)) throw new InvalidInputError(`action must be one of ${PROBLEM_ACTIONS.join(', ')}`);
    await this.dataSource.transaction(async (tx) => {
      const problem = await tx.findOne(ProblemEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!problem) throw new NotFoundError(`No problem ${id}`);
      if (command.expectedVersion !== undefined && command.expectedVersion !== problem.version) {
        throw new VersionConflictError(`PRB-${problem.number}`, command.expectedVersion, problem.version);
      }
      const from = problem.status as ProblemStatus;
      const to = nextProblemStatus(from, command.action);
      const now = this.clock.now();
      await tx.update(ProblemEntity, id, { status: to, version: problem.version + 1, updatedAt: now, fixedAt: to === 'fixed' ? now : null });
      const note = command.note?.trim() || null;
      await this.journal.problem(tx, id, { action: command.action, from, to, actor: command.actor, note, incidentId: null }, now);
    });
    return this.get(id, options);
  }

  private async incidentCounts(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await execute(
      this.dataSource,
      qb
        .selectFrom('incident')
        .select(['problem_id', sql<string>`count(*)`.as('n')])
        .where(sql<boolean>`problem_id = ANY(${ids})`)
        .groupBy('problem_id')
        .$narrowType<{ problem_id: string }>(),
    );
    return new Map(rows.map((r) => [r.problem_id, Number(r.n)]));
  }
}

function problemViewOf(p: ProblemEntity, incidentCount: number): ProblemView {
  const status = p.status as ProblemStatus;
  return {
    id: p.id,
    number: p.number,
    status,
    version: p.version,
    reasonCode: p.reasonCode,
    dimension: p.dimension as ProblemDimension,
    value: p.dimensionValue,
    windowDays: p.windowDays,
    incidentCount,
    firstSeenAt: p.firstSeenAt,
    lastSeenAt: p.lastSeenAt,
    fixedAt: p.fixedAt,
    allowedActions: allowedProblemActions(status),
    slack: p.slackChannel && p.slackTs ? { channel: p.slackChannel, ts: p.slackTs } : null,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

function problemEntryOf(e: ProblemEventEntity): ProblemHistoryEntry {
  return {
    at: e.createdAt,
    action: e.action as ProblemHistoryEntry['action'],
    from: e.fromStatus as ProblemStatus | null,
    to: e.toStatus as ProblemStatus,
    actor: actorOf(e),
    note: e.note,
    incidentId: e.incidentId,
  };
}
