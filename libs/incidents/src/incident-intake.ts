import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { ADVISORY_LOCK_CLASSES, type Clock, CLOCK, supportedLocale } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import type { ComplaintCase, ComplaintRecordedHook } from '@turbota/conversations';
import { ComplaintEntity, execute, executeTakeFirst, IncidentEntity, qb } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { AnonymousIncidentRate } from './anonymous-incident-rate';
import { type Actor, type IncidentSource, type IncidentStatus, OPEN_STATUSES } from './incident.model';
import { IncidentJournal } from './incident-journal';
import { priorityOf } from './incident-priority';
import type { IncidentReport } from './incident-report';
import { INCIDENTS_CONFIG, type IncidentsConfig } from './incidents-config';
import { ProblemDetector } from './problem-detector';
import { deadlinesFor } from './sla-policy';
import { StandardVersions } from './standard-versions';

/** A conversation's incident that is still open, as a later complaint of it needs it. */
interface OpenIncident {
  id: string;
  status: IncidentStatus;
  number: number;
  acknowledgeBy: Date;
}

/**
 * Makes incidents: from a complaint with contacts that a dialogue records (in the dialogue
 * step's transaction), or from an integration's report. Priority, deadlines, the standard's
 * version, the audit row, the notice and problem detection all commit with the incident.
 * A conversation has at most one open incident: a later complaint in it is added to that one.
 */
@Injectable()
export class IncidentIntake implements ComplaintRecordedHook {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
    @Inject(INCIDENTS_CONFIG) private readonly config: IncidentsConfig,
    private readonly cipher: PiiCipher,
    private readonly journal: IncidentJournal,
    private readonly problems: ProblemDetector,
    private readonly standard: StandardVersions,
    private readonly anonymousRate: AnonymousIncidentRate,
  ) {}

  /**
   * A complaint from a dialogue is added to its conversation's open incident as the customer's
   * statement; otherwise it becomes an incident when the customer left contacts. Answers that
   * incident's number and deadline to acknowledge, which the customer is told.
   */
  async onComplaint(tx: EntityManager, complaint: ComplaintEntity): Promise<ComplaintCase | void> {
    const customer: Actor = { kind: 'customer', id: complaint.customerId ?? 'unknown' };
    const open = complaint.conversationId ? await this.openIncidentOf(tx, complaint.conversationId) : null;
    if (open) {
      await this.addStatement(tx, open, complaint, customer);
      return { number: open.number, acknowledgeBy: open.acknowledgeBy };
    }
    if (!complaint.phoneSealed && !complaint.emailSealed) return;
    const incident = await this.open(tx, complaint, { source: 'dialogue', externalId: null, actor: customer });
    return { number: incident.number, acknowledgeBy: incident.acknowledgeBy };
  }

  /** Records an integration's report (checked by `incidentReportSchema`) and answers the incident's id; a repeated externalId answers the first. */
  report(input: IncidentReport, actor: Actor): Promise<string> {
    return this.dataSource.transaction(async (tx) => {
      // Reports of one external id take turns, so a repeat always finds the first incident.
      await execute(tx, sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_CLASSES.incidentReports}::int, hashtext(${input.externalId}))`);
      const existing = await tx.findOneBy(IncidentEntity, { externalId: input.externalId });
      if (existing) return existing.id;
      const complaint = await tx.save(ComplaintEntity, this.complaintOf(input));
      return (await this.open(tx, complaint, { source: 'api', externalId: input.externalId, actor })).id;
    });
  }

  private async open(tx: EntityManager, complaint: ComplaintEntity, origin: { source: IncidentSource; externalId: string | null; actor: Actor }): Promise<IncidentEntity> {
    const now = this.clock.now();
    const priority = priorityOf(complaint, this.config.priority);
    const incident = await tx.save(IncidentEntity, {
      status: 'new',
      version: 1,
      priority,
      escalationLevel: 0,
      justified: null,
      source: origin.source,
      externalId: origin.externalId,
      complaintId: complaint.id,
      customerId: complaint.customerId,
      problemId: null,
      reasonCode: complaint.reasonCode,
      text: complaint.text,
      metric: complaint.metric,
      score: complaint.score,
      channel: complaint.channel,
      locale: complaint.locale,
      pointOfService: complaint.pointOfService,
      agent: complaint.agent,
      serviceType: complaint.serviceType,
      standardVersion: await this.standard.currentVersion(tx),
      ...deadlinesFor(priority, now, this.config.sla),
      createdAt: now,
      updatedAt: now,
    });
    // An integration's key vouches for its reports; only the dialogue's can come from anyone.
    const notice = origin.source === 'dialogue' ? await this.anonymousRate.noticeFor(tx, incident, now) : {};
    await this.journal.incident(tx, incident.id, { action: 'create', from: null, to: 'new', actor: origin.actor, note: null }, now, notice);
    await this.problems.afterIncident(tx, { ...incident, complaint }, now);
    return incident;
  }

  /** The conversation's incident that is still open, locked, or null. */
  private async openIncidentOf(tx: EntityManager, conversationId: string): Promise<OpenIncident | null> {
    const row = await executeTakeFirst(
      tx,
      qb
        .selectFrom('incident as i')
        .innerJoin('complaint as c', 'c.id', 'i.complaint_id')
        .select(['i.id', 'i.status', 'i.number', 'i.acknowledge_by as acknowledgeBy'])
        .where('c.conversation_id', '=', conversationId)
        .where('i.status', 'in', OPEN_STATUSES)
        // Only open statuses pass the filter above.
        .$narrowType<{ status: IncidentStatus }>()
        .orderBy('i.created_at', 'desc')
        .limit(1)
        .forUpdate('i'),
    );
    return row ?? null;
  }

  /**
   * The customer's further words, as an audit row (shown in the incident's history and its
   * Slack thread) with its notice. Not a change the supervisors made: the version stays, so a
   * button drawn before it still works.
   */
  private async addStatement(tx: EntityManager, incident: { id: string; status: IncidentStatus }, complaint: ComplaintEntity, actor: Actor): Promise<void> {
    const now = this.clock.now();
    await tx.update(IncidentEntity, incident.id, { updatedAt: now });
    // The words stay in the complaint (the history reads them from there), so an erasure takes them everywhere.
    const entry = { action: 'customer_statement' as const, from: incident.status, to: incident.status, actor, note: null, complaintId: complaint.id };
    await this.journal.incident(tx, incident.id, entry, now);
  }

  private complaintOf(input: IncidentReport): Partial<ComplaintEntity> {
    const now = this.clock.now();
    return {
      channel: input.channel,
      // The customer hears the standard's words in it: one the installation speaks.
      locale: supportedLocale(input.locale ?? this.appConfig.defaultLocale, this.appConfig),
      agent: input.agent ?? null,
      pointOfService: input.pointOfService ?? null,
      serviceType: input.serviceType ?? null,
      conversationId: null,
      customerId: null,
      reasonCode: input.reasonCode ?? null,
      text: input.text ?? null,
      metric: input.metric ?? null,
      score: input.score ?? null,
      phoneSealed: input.phone ? this.cipher.seal(input.phone) : null,
      emailSealed: input.email ? this.cipher.seal(input.email) : null,
      phoneIndex: input.phone ? this.cipher.blindIndex(input.phone) : null,
      // The integration reports a complaint whose author asked to be contacted.
      consentAt: now,
      createdAt: now,
    };
  }
}
