import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ContactEntity } from './contact.entity';

/**
 * An invitation that carries the contact's personal survey link: an SMS, an e-mail, or
 * WhatsApp's approved template (whose quick reply sends the link's token back). The recipient
 * is read from the contact's sealed phone or e-mail when it is sent, and the link's token is
 * kept sealed here until then, so neither is ever stored in the clear. The provider's delivery
 * reports move its status; a recipient the provider refuses for good marks it failed.
 */
@Entity('invitation_message')
@Check('ck_invitation_message_channel', `"channel" IN ('sms', 'email', 'whatsapp')`)
@Check('ck_invitation_message_status', `"status" IN ('pending', 'accepted', 'sent', 'delivered', 'failed')`)
@Index('ix_invitation_message_due', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('uq_invitation_message_provider_id', ['provider', 'providerMessageId'], { unique: true, where: `"provider_message_id" IS NOT NULL` })
export class InvitationMessageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_invitation_message' })
  id: string;

  @Index('ix_invitation_message_contact')
  @Column({ type: 'uuid' })
  contactId: string;

  // Checked at commit: the contact is inserted after its invitation is made, in the same transaction.
  @ManyToOne(() => ContactEntity, { onDelete: 'CASCADE', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'fk_invitation_message_contact' })
  contact?: ContactEntity;

  @Column({ type: 'text' })
  channel: 'sms' | 'email' | 'whatsapp';

  /** The provider it goes (or went) through: `twilio`, `turbosms`; `smtp` for an e-mail, `whatsapp` for the template. */
  @Column({ type: 'text' })
  provider: string;

  /** The survey link's token, sealed with the personal-data key until the message is sent. */
  @Column({ type: 'bytea', nullable: true })
  tokenSealed: Buffer | null;

  @Column({ type: 'text', default: 'pending' })
  status: 'pending' | 'accepted' | 'sent' | 'delivered' | 'failed';

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ type: 'text', nullable: true })
  providerMessageId: string | null;

  /** The cascade step (`contact_invitation_step.position`) that sent it; null without a cascade. */
  @Column({ type: 'int', nullable: true })
  stepPosition: number | null;

  /** How the text was counted: `GSM-7` or `UCS-2`, and in how many segments. */
  @Column({ type: 'text', nullable: true })
  encoding: string | null;

  @Column({ type: 'int', nullable: true })
  segments: number | null;

  /** The provider's last word on a failure (an error code), never the recipient or the text. */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** When the latest delivery report arrived. */
  @Column({ type: 'timestamptz', nullable: true })
  reportedAt: Date | null;
}
