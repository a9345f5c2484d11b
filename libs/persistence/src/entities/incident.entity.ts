import { Check, Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AuditEntryColumns } from './audit-entry-columns';
import { ContactAttributes } from './contact-attributes';
import { CustomerEntity } from './customer.entity';
import { ComplaintEntity } from './feedback.entity';
import { PersonEntity } from './person.entity';
import { ProblemEntity } from './problem.entity';

/**
 * A complaint with contacts, as owned work: its status, SLA deadlines and outcome. The
 * contacts stay sealed in the complaint; the reason, words and contact attributes are copied
 * here so lists and problem detection never join. Times come from the process clock.
 */
@Entity('incident')
@Check('ck_incident_status', `"status" IN ('new', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'closed')`)
@Check('ck_incident_priority', `"priority" IN ('high', 'normal', 'low')`)
@Check('ck_incident_source', `"source" IN ('dialogue', 'api')`)
@Index('ix_incident_created', ['createdAt', 'id'])
@Index('ix_incident_problem_match', ['reasonCode', 'createdAt'])
@Index('ix_incident_ack_due', ['acknowledgeBy'], { where: `"status" = 'new' AND "ack_breached_at" IS NULL` })
@Index('ix_incident_resolve_due', ['resolveBy'], { where: `"status" IN ('new', 'acknowledged', 'in_progress') AND "resolve_breached_at" IS NULL` })
export class IncidentEntity extends ContactAttributes {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_incident' })
  id: string;

  /** Short and sequential, for humans (INC-42). */
  @Index('uq_incident_number', { unique: true })
  @Column({ type: 'int' })
  @Generated('increment')
  number: number;

  @Column({ type: 'text' })
  status: string;

  /** Raised by every change, for optimistic checks (If-Match, a Slack button on an old message). */
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'text' })
  priority: string;

  @Column({ type: 'int', default: 0 })
  escalationLevel: number;

  /** Whether the complaint was justified, once settled. */
  @Column({ type: 'boolean', nullable: true })
  justified: boolean | null;

  @Column({ type: 'text' })
  source: string;

  /** The integration's own id of an incident it reported: a repeated report finds the first by it. */
  @Index('uq_incident_external_id', { unique: true, where: '"external_id" IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  @Index('uq_incident_complaint', { unique: true })
  @Column({ type: 'uuid' })
  complaintId: string;

  // Many-to-one with the unique index above: a one-to-one would add an unnamed constraint.
  @ManyToOne(() => ComplaintEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'fk_incident_complaint' })
  complaint?: ComplaintEntity;

  @Index('ix_incident_customer')
  @Column({ type: 'uuid', nullable: true })
  customerId: string | null;

  @ManyToOne(() => CustomerEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_incident_customer' })
  customer?: CustomerEntity;

  @Index('ix_incident_problem')
  @Column({ type: 'uuid', nullable: true })
  problemId: string | null;

  @ManyToOne(() => ProblemEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'problem_id', foreignKeyConstraintName: 'fk_incident_problem' })
  problem?: ProblemEntity;

  /** The person who owns the incident (a supervisor or an admin); null while nobody does. */
  @Index('ix_incident_owner')
  @Column({ type: 'uuid', nullable: true })
  ownerPersonId: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_person_id', foreignKeyConstraintName: 'fk_incident_owner_person' })
  owner?: PersonEntity | null;

  @Column({ type: 'text', nullable: true })
  reasonCode: string | null;

  /** The customer's own words. */
  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'text', nullable: true })
  metric: string | null;

  @Column({ type: 'smallint', nullable: true })
  score: number | null;

  /** The service standard's version when the incident was created: its next steps come from it. */
  @Column({ type: 'int' })
  standardVersion: number;

  @Column({ type: 'timestamptz' })
  acknowledgeBy: Date;

  @Column({ type: 'timestamptz' })
  resolveBy: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Set once, when the deadline to acknowledge passed unmet. */
  @Column({ type: 'timestamptz', nullable: true })
  ackBreachedAt: Date | null;

  /** Set once per deadline to resolve (a reopen sets a new deadline and clears it). */
  @Column({ type: 'timestamptz', nullable: true })
  resolveBreachedAt: Date | null;

  /** Where the supervisors' message is; written by the Slack sender. */
  @Column({ type: 'text', nullable: true })
  slackChannel: string | null;

  @Column({ type: 'text', nullable: true })
  slackTs: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The audit trail of an incident: one row per change, with who made it and why (`action`: an incident action, or create, sla_breach, customer_confirmed, customer_disputed, customer_statement, assign, unassign, contact_reveal). */
@Entity('incident_event')
@Check('ck_incident_event_actor_kind', `"actor_kind" IN ('api_key', 'person', 'slack_user', 'customer', 'system')`)
@Index('ix_incident_event_incident', ['incidentId', 'seq'])
export class IncidentEventEntity extends AuditEntryColumns {
  /** Orders the trail (and the thread of the Slack message). */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_incident_event' })
  seq: string;

  @Column({ type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_incident_event_incident' })
  incident?: IncidentEntity;

  /**
   * With `customer_statement`: the later complaint whose words the row adds. The words are read
   * from it, never copied, so erasing or purging the complaint's words clears them here too.
   */
  @Column({ type: 'uuid', nullable: true })
  complaintId: string | null;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'fk_incident_event_complaint' })
  complaint?: ComplaintEntity;

  /** With `assign`: the new owner; with `unassign`: the owner no longer. */
  @Column({ type: 'uuid', nullable: true })
  ownerPersonId: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_person_id', foreignKeyConstraintName: 'fk_incident_event_owner_person' })
  owner?: PersonEntity | null;
}
