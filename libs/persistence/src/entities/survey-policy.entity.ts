import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CascadeStep, IntegralMetric, QuietHours } from '@turbota/surveys';
import { type ConfigStatus, QuestionPoolEntity } from './question-pool.entity';

/** Who is surveyed, how often and with which pool; see `SurveyPolicySettings`. */
@Entity('survey_policy')
@Check('ck_survey_policy_status', `"status" IN ('active', 'archived')`)
@Check('ck_survey_policy_metric', `"integral_metric" IN ('nps', 'ces', 'csat')`)
@Check('ck_survey_policy_sampling_rate', `"sampling_rate" >= 0 AND "sampling_rate" <= 1`)
export class SurveyPolicyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_survey_policy' })
  id: string;

  @Index('uq_survey_policy_name', { unique: true })
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: 'active' })
  status: ConfigStatus;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  serviceTypes: string[];

  @Column({ type: 'text' })
  integralMetric: IntegralMetric;

  @Index('ix_survey_policy_pool')
  @Column({ type: 'uuid' })
  poolId: string;

  @ManyToOne(() => QuestionPoolEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pool_id', foreignKeyConstraintName: 'fk_survey_policy_pool' })
  pool?: QuestionPoolEntity;

  @Column({ type: 'smallint' })
  maxQuestions: number;

  @Column({ type: 'double precision' })
  samplingRate: number;

  @Column({ type: 'int' })
  cooldownDays: number;

  @Column({ type: 'jsonb', nullable: true })
  quietHours: QuietHours | null;

  @Column({ type: 'int' })
  answerTimeoutMinutes: number;

  @Column({ type: 'int', nullable: true })
  reminderAfterMinutes: number | null;

  @Column({ type: 'text', nullable: true })
  reasonQuestion: string | null;

  @Column({ type: 'text', nullable: true })
  improvementQuestion: string | null;

  @Column({ type: 'text', nullable: true })
  contactQuestion: string | null;

  @Column({ type: 'text', nullable: true })
  reviewUrl: string | null;

  /** The invitation cascade: channels tried in order, each after the previous one's wait; empty: the contact's channel only. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  cascade: CascadeStep[];

  @Index('uq_survey_policy_seed_key', { unique: true, where: '"seed_key" IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  seedKey: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
