import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Locale } from '@turbota/common';
import type { Question } from '@turbota/surveys';

export type ConfigStatus = 'active' | 'archived';

/** A named set of questions; its content lives in immutable versions. */
@Entity('question_pool')
@Check('ck_question_pool_status', `"status" IN ('active', 'archived')`)
export class QuestionPoolEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_question_pool' })
  id: string;

  @Index('uq_question_pool_name', { unique: true })
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', default: 'active' })
  status: ConfigStatus;

  @Column({ type: 'int' })
  currentVersion: number;

  /** Set on pools created from `config/`, so a seed is applied once and never over an admin's edit. */
  @Index('uq_question_pool_seed_key', { unique: true, where: '"seed_key" IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  seedKey: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The questions of a pool as they were at one version; never changed once written. */
@Entity('question_pool_version')
export class QuestionPoolVersionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_question_pool_version' })
  poolId: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_question_pool_version' })
  version: number;

  @ManyToOne(() => QuestionPoolEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pool_id', foreignKeyConstraintName: 'fk_question_pool_version_pool' })
  pool?: QuestionPoolEntity;

  @Column({ type: 'jsonb' })
  questions: Question[];

  /** The languages the questions are given in, the first one for a customer whose language is not among them. */
  @Column({ type: 'text', array: true })
  locales: Locale[];

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** How often each question of a pool has been drawn, for the balanced draw. */
@Entity('question_draw_count')
export class QuestionDrawCountEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_question_draw_count' })
  poolId: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_question_draw_count' })
  questionCode: string;

  @ManyToOne(() => QuestionPoolEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pool_id', foreignKeyConstraintName: 'fk_question_draw_count_pool' })
  pool?: QuestionPoolEntity;

  @Column({ type: 'bigint', default: 0 })
  drawn: string;
}

/**
 * One question drawn for one new conversation, appended in the conversation's transaction
 * (an insert, so concurrent conversations never wait for each other); now and then folded
 * into `question_draw_count`. A question's count is its counter plus its rows here.
 */
@Entity('question_draw_log')
@Index('ix_question_draw_log_pool', ['poolId'])
export class QuestionDrawLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_question_draw_log' })
  id: string;

  @Column({ type: 'uuid' })
  poolId: string;

  @ManyToOne(() => QuestionPoolEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pool_id', foreignKeyConstraintName: 'fk_question_draw_log_pool' })
  pool?: QuestionPoolEntity;

  @Column({ type: 'text' })
  questionCode: string;
}
