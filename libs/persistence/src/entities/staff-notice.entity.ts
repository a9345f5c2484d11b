import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity';
import { ProblemEntity } from './problem.entity';

/** `incident_digest`: an incident announced in the next digest rather than on its own (anonymous channels past their rate). */
export const STAFF_NOTICE_KINDS = ['incident_changed', 'sla_breached', 'problem_detected', 'problem_changed', 'incident_digest'] as const;
export type StaffNoticeKind = (typeof STAFF_NOTICE_KINDS)[number];

/**
 * The supervisors' outbox: written in the same transaction as the incident or problem change
 * it announces; a sender (Slack) claims pending rows and renders what they point at as it is
 * at send time.
 */
@Entity('staff_notice')
@Check('ck_staff_notice_kind', `"kind" IN ('incident_changed', 'sla_breached', 'problem_detected', 'problem_changed', 'incident_digest')`)
@Check('ck_staff_notice_status', `"status" IN ('pending', 'sent', 'failed')`)
@Check('ck_staff_notice_subject', `("kind" IN ('problem_detected', 'problem_changed')) = ("problem_id" IS NOT NULL)`)
@Check('ck_staff_notice_incident', `"kind" NOT IN ('incident_changed', 'sla_breached', 'incident_digest') OR "incident_id" IS NOT NULL`)
@Index('ix_staff_notice_pending', ['nextAttemptAt', 'seq'], { where: `"status" = 'pending'` })
@Index('ix_staff_notice_digest_due', ['nextAttemptAt', 'seq'], { where: `"status" = 'pending' AND "kind" = 'incident_digest'` })
export class StaffNoticeEntity {
  /** Orders the notices; a sender takes them oldest first. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_staff_notice' })
  seq: string;

  @Column({ type: 'text' })
  kind: StaffNoticeKind;

  /** The incident it is about; with problem_detected, the incident that completed the problem. */
  @Index('ix_staff_notice_incident')
  @Column({ type: 'uuid', nullable: true })
  incidentId: string | null;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_staff_notice_incident' })
  incident?: IncidentEntity;

  @Index('ix_staff_notice_problem')
  @Column({ type: 'uuid', nullable: true })
  problemId: string | null;

  @ManyToOne(() => ProblemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id', foreignKeyConstraintName: 'fk_staff_notice_problem' })
  problem?: ProblemEntity;

  @Column({ type: 'text', default: 'pending' })
  status: 'pending' | 'sent' | 'failed';

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** When the SLA announcement of this notice used its `<!here>` (counted against the mentions' budget). */
  @Index('ix_staff_notice_mentioned', { where: `"mentioned_at" IS NOT NULL` })
  @Column({ type: 'timestamptz', nullable: true })
  mentionedAt: Date | null;
}
