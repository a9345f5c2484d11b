import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Locale } from '@turbota/common';
import { SurveyPolicyEntity } from './survey-policy.entity';

/** A place customers are served (a branch, a counter); its code travels in web chat and messenger links. */
@Entity('point_of_service')
@Check('ck_point_of_service_code', `"code" ~ '^[A-Za-z0-9_-]{1,64}$'`)
export class PointOfServiceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_point_of_service' })
  id: string;

  /** What contacts, answers and links name the point by (`/chat?point=<code>`). */
  @Index('uq_point_of_service_code', { unique: true })
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  /** IANA zone of the point; a policy's quiet hours are read in it for the point's contacts. */
  @Column({ type: 'text', nullable: true })
  timeZone: string | null;

  /** The policy (and so the pool) of walk-in surveys started here; null: the default, as for any walk-in. */
  @Index('ix_point_of_service_policy')
  @Column({ type: 'uuid', nullable: true })
  policyId: string | null;

  @ManyToOne(() => SurveyPolicyEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'fk_point_of_service_policy' })
  policy?: SurveyPolicyEntity;

  /** What a walk-in hears first here instead of the generic greeting, per language; a language without one gets the generic. */
  @Column({ type: 'jsonb', nullable: true })
  greeting: Partial<Record<Locale, string>> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
