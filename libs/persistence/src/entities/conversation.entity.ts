import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ContactAttributes } from './contact-attributes';
import { CustomerEntity, CustomerIdentityEntity } from './customer.entity';

/** `follow_up`: after an incident is resolved, asking the customer whether it is solved. */
export type ConversationKind = 'survey' | 'feedback' | 'follow_up';
/** `unreachable`: the platform refused delivery for good (the customer blocked the bot). */
export type ConversationStatus = 'open' | 'completed' | 'stopped' | 'expired' | 'unreachable';

/** One dialogue with one customer on one channel; its state lets any process continue it. */
@Entity('conversation')
@Check('ck_conversation_kind', `"kind" IN ('survey', 'feedback', 'follow_up')`)
@Check('ck_conversation_status', `"status" IN ('open', 'completed', 'stopped', 'expired', 'unreachable')`)
@Index('ix_conversation_identity_started', ['identityId', 'startedAt'])
export class ConversationEntity extends ContactAttributes {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_conversation' })
  id: string;

  @Column({ type: 'uuid' })
  identityId: string;

  @ManyToOne(() => CustomerIdentityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'identity_id', foreignKeyConstraintName: 'fk_conversation_identity' })
  identity?: CustomerIdentityEntity;

  @Index('ix_conversation_customer')
  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_conversation_customer' })
  customer?: CustomerEntity;

  /** A survey the company started, or feedback the customer started (a QR code, a message). */
  @Column({ type: 'text' })
  kind: ConversationKind;

  @Column({ type: 'text', default: 'open' })
  status: ConversationStatus;

  @Column({ type: 'uuid', nullable: true })
  policyId: string | null;

  @Column({ type: 'uuid', nullable: true })
  poolId: string | null;

  @Column({ type: 'int', nullable: true })
  poolVersion: number | null;

  /** The questions fixed at the start (`SurveyPlan`), so a pool edit never changes this dialogue. */
  @Column({ type: 'jsonb' })
  plan: unknown;

  /** The dialogue engine's `DialogueState`. */
  @Column({ type: 'jsonb' })
  state: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}

/**
 * An input already applied: a re-delivery finds its key here, for the same customer address,
 * and changes nothing.
 */
@Entity('conversation_input')
@Index('uq_conversation_input_key', ['identityId', 'inputKey'], { unique: true })
export class ConversationInputEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_conversation_input' })
  id: string;

  @Column({ type: 'uuid' })
  identityId: string;

  @ManyToOne(() => CustomerIdentityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'identity_id', foreignKeyConstraintName: 'fk_conversation_input_identity' })
  identity?: CustomerIdentityEntity;

  @Index('ix_conversation_input_conversation')
  @Column({ type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_conversation_input_conversation' })
  conversation?: ConversationEntity;

  /** The platform's own key (update id, event id, a web chat action id). */
  @Column({ type: 'text' })
  inputKey: string;

  /** The input with any contact masked. */
  @Column({ type: 'jsonb' })
  input: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}
