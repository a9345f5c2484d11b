import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ContactAttributes } from './contact-attributes';
import { ConversationEntity } from './conversation.entity';
import { CustomerEntity, CustomerIdentityEntity } from './customer.entity';
import { SurveyPolicyEntity } from './survey-policy.entity';

/**
 * A finished contact the contact centre reported, the decision taken on it (invite now,
 * later, or skip and why) and what became of the invitation. Times come from the process clock.
 */
@Entity('contact')
@Check('ck_contact_decision', `"decision" IN ('invited', 'scheduled', 'skipped')`)
@Check('ck_contact_reason', `"reason" IN ('no_channel', 'opted_out', 'unreachable', 'no_policy', 'cool_down', 'sampled_out')`)
@Check('ck_contact_reason_when_skipped', `("decision" = 'skipped') = ("reason" IS NOT NULL)`)
@Check('ck_contact_cancel_reason', `"cancel_reason" IN ('opted_out', 'unreachable', 'no_policy')`)
@Index('ix_contact_due', ['sendAt'], { where: `"decision" = 'scheduled' AND "invited_at" IS NULL AND "cancelled_at" IS NULL` })
@Index('ix_contact_respond_by', ['respondBy'], { where: `"respond_by" IS NOT NULL` })
@Index('ix_contact_remind_at', ['remindAt'], { where: `"remind_at" IS NOT NULL` })
@Index('ix_contact_cascade_at', ['cascadeAt'], { where: `"cascade_at" IS NOT NULL` })
export class ContactEntity extends ContactAttributes {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_contact' })
  id: string;

  /** The contact centre's own id of the contact: a repeated report finds the first decision by it. */
  @Index('uq_contact_external_id', { unique: true })
  @Column({ type: 'text' })
  externalId: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  /** Null for a contact on a channel that is off (no customer is made), or once the customer is erased. */
  @Index('ix_contact_customer')
  @Column({ type: 'uuid', nullable: true })
  customerId: string | null;

  @ManyToOne(() => CustomerEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_contact_customer' })
  customer?: CustomerEntity;

  @Column({ type: 'uuid', nullable: true })
  identityId: string | null;

  @ManyToOne(() => CustomerIdentityEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'identity_id', foreignKeyConstraintName: 'fk_contact_identity' })
  identity?: CustomerIdentityEntity;

  /** Sealed (`PiiCipher`) with a blind index, to link the customer's identities across channels. */
  @Column({ type: 'bytea', nullable: true })
  phoneSealed: Buffer | null;

  @Index('ix_contact_phone_index')
  @Column({ type: 'bytea', nullable: true })
  phoneIndex: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  emailSealed: Buffer | null;

  @Index('ix_contact_email_index')
  @Column({ type: 'bytea', nullable: true })
  emailIndex: Buffer | null;

  @Column({ type: 'text' })
  decision: 'invited' | 'scheduled' | 'skipped';

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** For a cool-down: the customer's latest survey the decision saw. */
  @Column({ type: 'timestamptz', nullable: true })
  lastSurveyAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  policyId: string | null;

  @ManyToOne(() => SurveyPolicyEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'fk_contact_policy' })
  policy?: SurveyPolicyEntity;

  @Column({ type: 'timestamptz' })
  decidedAt: Date;

  /** When the invitation goes (went) out: the decision time, or the end of the quiet hours. */
  @Column({ type: 'timestamptz', nullable: true })
  sendAt: Date | null;

  /** When the survey was opened and its first message queued. */
  @Column({ type: 'timestamptz', nullable: true })
  invitedAt: Date | null;

  @Index('ix_contact_conversation')
  @Column({ type: 'uuid', nullable: true })
  conversationId: string | null;

  @ManyToOne(() => ConversationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_contact_conversation' })
  conversation?: ConversationEntity;

  /** A scheduled invitation that could not go when its time came, and why. */
  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  /** When the wait for an answer ends; null once it is settled (answered, or marked non-responder). */
  @Column({ type: 'timestamptz', nullable: true })
  respondBy: Date | null;

  /** When to remind a silent invitee once; null when the policy has no reminder or it was sent. */
  @Column({ type: 'timestamptz', nullable: true })
  remindAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  /** When the invitation cascade's next step is due unless the customer answered; null without a cascade or once it ended. */
  @Column({ type: 'timestamptz', nullable: true })
  cascadeAt: Date | null;

  /** Set when the invitee gave no answer within the policy's answer timeout. */
  @Column({ type: 'timestamptz', nullable: true })
  nonResponderAt: Date | null;
}
