import { Check, Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AuditEntryColumns } from './audit-entry-columns';

/**
 * Repeated incidents: one reason recurring at one point of service, with one agent or in one
 * service type within a window; managed apart from the incidents, for the root cause.
 */
@Entity('problem')
@Check('ck_problem_status', `"status" IN ('open', 'investigating', 'fixed')`)
@Check('ck_problem_dimension', `"dimension" IN ('point_of_service', 'agent', 'service_type')`)
@Index('ix_problem_created', ['createdAt', 'id'])
@Index('ix_problem_active', ['reasonCode', 'dimension', 'dimensionValue'], { where: `"status" IN ('open', 'investigating')` })
export class ProblemEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_problem' })
  id: string;

  /** Short and sequential, for humans (PRB-7). */
  @Index('uq_problem_number', { unique: true })
  @Column({ type: 'int' })
  @Generated('increment')
  number: number;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'text' })
  reasonCode: string;

  /** What the incidents share besides the reason: point_of_service, agent or service_type. */
  @Column({ type: 'text' })
  dimension: string;

  @Column({ type: 'text' })
  dimensionValue: string;

  /** The rule's window when the problem was detected. */
  @Column({ type: 'int' })
  windowDays: number;

  @Column({ type: 'timestamptz' })
  firstSeenAt: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  fixedAt: Date | null;

  /** Where the announcement is; written by the Slack sender. */
  @Column({ type: 'text', nullable: true })
  slackChannel: string | null;

  @Column({ type: 'text', nullable: true })
  slackTs: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The audit trail of a problem (`action`: detect, link when an incident joins, investigate, fix, reopen). */
@Entity('problem_event')
@Check('ck_problem_event_actor_kind', `"actor_kind" IN ('api_key', 'person', 'slack_user', 'customer', 'system')`)
@Index('ix_problem_event_problem', ['problemId', 'seq'])
export class ProblemEventEntity extends AuditEntryColumns {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_problem_event' })
  seq: string;

  @Column({ type: 'uuid' })
  problemId: string;

  @ManyToOne(() => ProblemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id', foreignKeyConstraintName: 'fk_problem_event_problem' })
  problem?: ProblemEntity;

  /** The incident that joined (detect, link); not a foreign key, so the trail outlives it. */
  @Column({ type: 'uuid', nullable: true })
  incidentId: string | null;

}
