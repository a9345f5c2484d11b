import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { type Clock, CLOCK, type Locale, NotFoundError } from '@turbota/common';
import { IncidentEntity, IncidentEventEntity } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import type { Actor, IncidentCommand, IncidentDetail, IncidentStatus, IncidentView, OwnerCommand, PersonRef } from './incident.model';
import { INCIDENT_SETTLED, type IncidentSettledHook } from './incident-hooks';
import { IncidentJournal, type IncidentEntry } from './incident-journal';
import { type IncidentFilters, type IncidentPage, incidentRows, listIncidents } from './incident-list';
import { assignable, assignableOwners, lockedOwner } from './incident-owner';
import { standardEventFor } from './incident-standard-event';
import { loadTranscript } from './incident-transcript';
import { checkCommand, type IncidentChange, planCustomerAnswer, planTransition } from './incident-transitions';
import { HISTORY_RELATIONS, historyEntryOf, type IncidentRow, incidentViewOf } from './incident-view';
import { INCIDENTS_CONFIG, type IncidentsConfig } from './incidents-config';
import { VersionConflictError } from './version-conflict.error';
import { StandardVersions } from './standard-versions';

/** How a caller wants an incident shown. */
export interface IncidentReadOptions {
  /** Plain contacts (in the contact and the transcript); masked otherwise. */
  revealContacts?: boolean;
  /** The language of the next steps' tasks, the reader's; the incident's own by default (its phrases are always in the customer's). */
  tasksLocale?: Locale;
}

/**
 * Works incidents: transitions and assignments (each one audit row and one supervisors' notice
 * in the same transaction), the customer's answer to "is it solved?", a recorded look at the
 * contact, and reading them with their history, transcript and the standard's next steps.
 */
@Injectable()
export class IncidentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INCIDENTS_CONFIG) private readonly config: IncidentsConfig,
    private readonly cipher: PiiCipher,
    private readonly journal: IncidentJournal,
    private readonly standard: StandardVersions,
    @Inject(INCIDENT_SETTLED) private readonly settledHook: IncidentSettledHook,
  ) {}

  /**
   * Applies a command: 404 for an unknown id, 400 when the command lacks what its action needs,
   * 409 for an action the status does not allow or a stale `expectedVersion`.
   */
  async transition(id: string, command: IncidentCommand, options: IncidentReadOptions = {}): Promise<IncidentDetail> {
    const note = checkCommand(command);
    await this.dataSource.transaction(async (tx) => {
      const row = await this.lock(tx, id);
      if (command.expectedVersion !== undefined && command.expectedVersion !== row.version) {
        throw new VersionConflictError(`INC-${row.number}`, command.expectedVersion, row.version);
      }
      const now = this.clock.now();
      const change = planTransition(factsOf(row), command, { now, sla: this.config.sla });
      const updated = await this.apply(tx, row, change, { action: command.action, from: row.status as IncidentStatus, to: change.status, actor: command.actor, note }, now);
      if (change.status === 'resolved' || change.status === 'rejected') await this.settledHook.onSettled(tx, updated);
    });
    return this.get(id, options);
  }

  /**
   * Gives the incident to a person, or to nobody: 400 for an unknown person, 409 for one who may
   * not own it (not active, or a viewer). Giving it to its owner again changes and records nothing.
   */
  async assign(id: string, command: OwnerCommand, options: IncidentReadOptions = {}): Promise<IncidentDetail> {
    await this.dataSource.transaction(async (tx) => {
      const owner = command.ownerId === null ? null : await lockedOwner(tx, command.ownerId);
      const row = await this.lock(tx, id);
      if (command.expectedVersion !== undefined && command.expectedVersion !== row.version) {
        throw new VersionConflictError(`INC-${row.number}`, command.expectedVersion, row.version);
      }
      if (command.ownerId === row.ownerPersonId) return;
      if (command.ownerId !== null) assignable(owner, command.ownerId);
      const now = this.clock.now();
      const status = row.status as IncidentStatus;
      const entry: IncidentEntry = { action: command.ownerId ? 'assign' : 'unassign', from: status, to: status, actor: command.actor, note: null, ownerId: command.ownerId ?? row.ownerPersonId! };
      await this.apply(tx, row, { status, ownerPersonId: command.ownerId }, entry, now);
    });
    return this.get(id, options);
  }

  /** The incident with its contacts in full, the look recorded in its history (who, when; never the contact) in the same transaction. */
  async revealContact(id: string, actor: Actor, options: Pick<IncidentReadOptions, 'tasksLocale'> = {}): Promise<IncidentDetail> {
    await this.dataSource.transaction(async (tx) => {
      const row = await tx.findOne(IncidentEntity, { where: { id } });
      if (!row) throw new NotFoundError(`No incident ${id}`);
      const status = row.status as IncidentStatus;
      await this.journal.incident(tx, id, { action: 'contact_reveal', from: status, to: status, actor, note: null }, this.clock.now());
    });
    return this.get(id, { ...options, revealContacts: true });
  }

  /** Who may own incidents: the active supervisors and admins. */
  owners(): Promise<PersonRef[]> {
    return assignableOwners(this.dataSource.manager);
  }

  /** The customer's answer to "is it solved?", in its own transaction: yes closes, no reopens (and the supervisors hear of it). */
  async confirmByCustomer(id: string, solved: boolean, options: IncidentReadOptions = {}): Promise<IncidentDetail> {
    await this.dataSource.transaction((tx) => this.recordCustomerAnswer(tx, id, solved));
    return this.get(id, options);
  }

  /** The same in the caller's transaction (a dialogue step that carries the answer); answers the new status. */
  async recordCustomerAnswer(tx: EntityManager, id: string, solved: boolean): Promise<IncidentStatus> {
    const row = await this.lock(tx, id);
    const now = this.clock.now();
    const { action, change } = planCustomerAnswer(factsOf(row), solved, { now, sla: this.config.sla });
    const actor: Actor = { kind: 'customer', id: row.customerId ?? 'unknown' };
    await this.apply(tx, row, change, { action, from: row.status as IncidentStatus, to: change.status, actor, note: null }, now);
    return change.status;
  }

  async get(id: string, options: IncidentReadOptions = {}): Promise<IncidentDetail> {
    const row = (await this.rows().where('i.id = :id', { id }).getOne()) as IncidentRow | null;
    if (!row) throw new NotFoundError(`No incident ${id}`);
    return this.detailOf(row, options);
  }

  /** The incident a supervisor names by its number (42 for INC-42), or null. */
  async findByNumber(number: number, options: IncidentReadOptions = {}): Promise<IncidentDetail | null> {
    if (!Number.isSafeInteger(number) || number < 1 || number > 2_147_483_647) return null;
    const row = (await this.rows().where('i.number = :number', { number }).getOne()) as IncidentRow | null;
    return row ? this.detailOf(row, options) : null;
  }

  /** Incidents newest first, filtered, a page at a time. */
  async list(filters: IncidentFilters, options: Pick<IncidentReadOptions, 'revealContacts'> = {}): Promise<IncidentPage<IncidentView>> {
    const page = await listIncidents(this.rows(), filters);
    return { items: page.items.map((row) => incidentViewOf(row, this.cipher, options.revealContacts ?? false)), next: page.next };
  }

  private rows(): SelectQueryBuilder<IncidentEntity> {
    return incidentRows(this.dataSource.manager);
  }

  private async detailOf(row: IncidentRow, options: IncidentReadOptions): Promise<IncidentDetail> {
    const { manager } = this.dataSource;
    const reveal = options.revealContacts ?? false;
    const events = await manager.find(IncidentEventEntity, { where: { incidentId: row.id }, relations: HISTORY_RELATIONS, order: { seq: 'ASC' } });
    const view = incidentViewOf(row, this.cipher, reveal);
    const history = events.map(historyEntryOf);
    const transcript = await loadTranscript(manager, row.complaint.conversationId, { cipher: this.cipher, reveal });
    const event = standardEventFor({ ...view, history });
    const customer = view.attributes.locale;
    const nextSteps = await this.standard.nextSteps(event, { customer, staff: options.tasksLocale ?? customer }, row.standardVersion);
    return { ...view, history, transcript, nextSteps };
  }

  private async lock(tx: EntityManager, id: string): Promise<IncidentEntity> {
    const row = await tx.findOne(IncidentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new NotFoundError(`No incident ${id}`);
    return row;
  }

  private async apply(tx: EntityManager, row: IncidentEntity, change: IncidentChange & Partial<Pick<IncidentEntity, 'ownerPersonId'>>, entry: IncidentEntry, now: Date): Promise<IncidentEntity> {
    const columns = { ...change, version: row.version + 1, updatedAt: now };
    await tx.update(IncidentEntity, row.id, columns);
    await this.journal.incident(tx, row.id, entry, now);
    return Object.assign(row, columns);
  }
}

function factsOf(row: IncidentEntity) {
  return { status: row.status as IncidentStatus, priority: row.priority as IncidentView['priority'], escalationLevel: row.escalationLevel, acknowledgedAt: row.acknowledgedAt };
}
