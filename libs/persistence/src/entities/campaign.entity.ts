import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ConversationEntity } from './conversation.entity';
import { CustomerEntity, CustomerIdentityEntity } from './customer.entity';
import { SurveyPolicyEntity } from './survey-policy.entity';

/** A representative survey: a random sample of eligible customers, invited across a window. */
@Entity('campaign')
@Check('ck_campaign_status', `"status" IN ('active', 'cancelled')`)
@Check('ck_campaign_window', `"window_end" > "window_start"`)
@Check('ck_campaign_sample', `("requested_size" IS NULL) <> ("requested_share" IS NULL)`)
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_campaign' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Index('ix_campaign_policy')
  @Column({ type: 'uuid' })
  policyId: string;

  @ManyToOne(() => SurveyPolicyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'fk_campaign_policy' })
  policy?: SurveyPolicyEntity;

  @Column({ type: 'text', default: 'active' })
  status: 'active' | 'cancelled';

  /** Only customers reachable on this channel; null: any channel that can carry an invitation. */
  @Column({ type: 'text', nullable: true })
  channel: string | null;

  @Column({ type: 'int', nullable: true })
  requestedSize: number | null;

  @Column({ type: 'double precision', nullable: true })
  requestedShare: number | null;

  /** How many customers were eligible when the sample was drawn. */
  @Column({ type: 'int' })
  eligible: number;

  @Column({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'timestamptz' })
  windowEnd: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;
}

/** A customer drawn into a campaign, with the planned time of the invitation and what became of it. */
@Entity('campaign_member')
@Index('uq_campaign_member_customer', ['campaignId', 'customerId'], { unique: true })
@Index('ix_campaign_member_due', ['sendAt'], { where: `"sent_at" IS NULL AND "cancelled_at" IS NULL` })
@Index('ix_campaign_member_respond_by', ['respondBy'], { where: `"respond_by" IS NOT NULL` })
@Check('ck_campaign_member_cancel_reason', `"cancel_reason" IN ('opted_out', 'unreachable', 'campaign_cancelled')`)
export class CampaignMemberEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_campaign_member' })
  id: string;

  @Column({ type: 'uuid' })
  campaignId: string;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'fk_campaign_member_campaign' })
  campaign?: CampaignEntity;

  /** Null once the customer is erased. */
  @Index('ix_campaign_member_customer')
  @Column({ type: 'uuid', nullable: true })
  customerId: string | null;

  @ManyToOne(() => CustomerEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_campaign_member_customer' })
  customer?: CustomerEntity;

  /** The address the invitation goes to. */
  @Column({ type: 'uuid', nullable: true })
  identityId: string | null;

  @ManyToOne(() => CustomerIdentityEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'identity_id', foreignKeyConstraintName: 'fk_campaign_member_identity' })
  identity?: CustomerIdentityEntity;

  @Column({ type: 'text' })
  channel: string;

  /** The planned time: the invitations are spread across the campaign's window. */
  @Column({ type: 'timestamptz' })
  sendAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  conversationId: string | null;

  @ManyToOne(() => ConversationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_campaign_member_conversation' })
  conversation?: ConversationEntity;

  /** When the wait for an answer ends; null once settled. */
  @Column({ type: 'timestamptz', nullable: true })
  respondBy: Date | null;

  /** Set when the invitee answered nothing within the policy's answer timeout. */
  @Column({ type: 'timestamptz', nullable: true })
  nonResponderAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;
}
