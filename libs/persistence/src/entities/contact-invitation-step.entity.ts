import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ContactEntity } from './contact.entity';
import { ConversationEntity } from './conversation.entity';

/** What became of one step of a contact's invitation cascade. */
export type InvitationStepStatus = 'sent' | 'skipped' | 'cancelled';

/**
 * One step of a contact's invitation cascade as it was decided, and why: sent (first, or
 * because the previous step was not delivered or not answered), skipped (the channel is off,
 * or the customer has no reachable address on it), or cancelled (the customer answered, opted
 * out, or the answer timeout came). Positions follow the order applied to the contact: its
 * policy's cascade with the customer's own channel first.
 */
@Entity('contact_invitation_step')
@Unique('uq_contact_invitation_step_position', ['contactId', 'position'])
@Check('ck_contact_invitation_step_status', `"status" IN ('sent', 'skipped', 'cancelled')`)
export class ContactInvitationStepEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_contact_invitation_step' })
  id: string;

  @Column({ type: 'uuid' })
  contactId: string;

  // Checked at commit: the first steps are written before their contact, in the same transaction.
  @ManyToOne(() => ContactEntity, { onDelete: 'CASCADE', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'fk_contact_invitation_step_contact' })
  contact?: ContactEntity;

  /** 1-based, in the order applied to the contact. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text' })
  status: InvitationStepStatus;

  /** Sent: `first`, `not_delivered`, `not_answered`; skipped: `channel_off`, `no_address`, `unreachable`; cancelled: `answered`, `opted_out`, `timed_out`. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz' })
  decidedAt: Date;

  /** For a sent step with a later one: when the next step goes unless the customer answered. */
  @Column({ type: 'timestamptz', nullable: true })
  nextAt: Date | null;

  /** The conversation a messenger step started, whose delivery the next step reads; null for a link step. */
  @Index('ix_contact_invitation_step_conversation')
  @Column({ type: 'uuid', nullable: true })
  conversationId: string | null;

  @ManyToOne(() => ConversationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_contact_invitation_step_conversation' })
  conversation?: ConversationEntity;
}
