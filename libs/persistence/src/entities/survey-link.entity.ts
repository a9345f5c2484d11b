import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ContactEntity } from './contact.entity';
import { ConversationEntity } from './conversation.entity';

/**
 * A contact's personal survey link (`/chat/s/<token>`, a Telegram or Viber deep link), kept
 * only as the token's SHA-256: the token carries no personal data and a leaked database cannot
 * open anyone's survey. It opens one conversation, wherever the customer
 * chooses to answer, and expires with the policy's answer timeout. A cascade with two link
 * steps (SMS, e-mail) issues one per step.
 */
@Entity('survey_link')
export class SurveyLinkEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_survey_link' })
  id: string;

  // One per link step of a cascade (an SMS, then an e-mail); one survey per contact all the same.
  @Index('ix_survey_link_contact')
  @Column({ type: 'uuid' })
  contactId: string;

  // Checked at commit: the contact is inserted after its invitation is made, in the same transaction.
  @ManyToOne(() => ContactEntity, { onDelete: 'CASCADE', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'fk_survey_link_contact' })
  contact?: ContactEntity;

  @Index('uq_survey_link_token_hash', { unique: true })
  @Column({ type: 'bytea' })
  tokenHash: Buffer;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** When the customer first opened it, and where (`web`, `telegram`, `viber`). */
  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  openedOn: string | null;

  /** The conversation it opened: the only one it resumes. */
  @Column({ type: 'uuid', nullable: true })
  conversationId: string | null;

  @ManyToOne(() => ConversationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_survey_link_conversation' })
  conversation?: ConversationEntity;
}
