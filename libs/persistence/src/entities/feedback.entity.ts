import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ContactAttributes } from './contact-attributes';
import { ConversationEntity } from './conversation.entity';
import { CustomerEntity } from './customer.entity';

/** One answer to one question, with the exact text and pool version the customer saw. */
@Entity('answer')
@Index('uq_answer_conversation_question', ['conversationId', 'questionCode'], { unique: true })
@Index('ix_answer_answered_at', ['answeredAt'])
// The factors report reads Likert and reason answers only: without these it scans every integral
// answer of its period, years of imported history included.
@Index('ix_answer_likert_answered_at', ['answeredAt'], { where: `"question_type" = 'likert'` })
@Index('ix_answer_choice_answered_at', ['answeredAt'], { where: `"question_type" = 'single_choice'` })
@Check('ck_answer_has_value', `"score" IS NOT NULL OR "choice" IS NOT NULL OR "text" IS NOT NULL`)
@Check('ck_answer_source', `"source" IN ('dialogue', 'import')`)
@Check('ck_answer_import_has_batch', `("source" = 'import') = ("import_batch_id" IS NOT NULL)`)
export class AnswerEntity extends ContactAttributes {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_answer' })
  id: string;

  /** Null for an imported answer: it was collected by another tool, outside any conversation. */
  @Column({ type: 'uuid', nullable: true })
  conversationId: string | null;

  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_answer_conversation' })
  conversation?: ConversationEntity;

  /** Where the answer came from: our own dialogue, or a CSV import of another tool's answers. */
  @Column({ type: 'text', default: 'dialogue' })
  source: 'dialogue' | 'import';

  /** The import that brought the answer in, so a whole import can be found (and undone) together. */
  @Index('ix_answer_import_batch', { where: `"import_batch_id" IS NOT NULL` })
  @Column({ type: 'uuid', nullable: true })
  importBatchId: string | null;

  /** The other tool's own id of the customer, as it was imported; never one of our customers. */
  @Column({ type: 'text', nullable: true })
  externalCustomerRef: string | null;

  /** Null once the customer is erased: the answer stays, anonymised. */
  @Index('ix_answer_customer')
  @Column({ type: 'uuid', nullable: true })
  customerId: string | null;

  @ManyToOne(() => CustomerEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_answer_customer' })
  customer?: CustomerEntity;

  @Column({ type: 'uuid', nullable: true })
  poolId: string | null;

  @Column({ type: 'int', nullable: true })
  poolVersion: number | null;

  @Column({ type: 'text' })
  questionCode: string;

  @Column({ type: 'text' })
  questionType: string;

  /** The question as it was asked, in the customer's language. */
  @Column({ type: 'text' })
  questionText: string;

  @Column({ type: 'text', nullable: true })
  factor: string | null;

  /** True for the integral question (NPS, CES or CSAT) that opened the survey. */
  @Column({ type: 'boolean', default: false })
  integral: boolean;

  @Column({ type: 'smallint', nullable: true })
  score: number | null;

  @Column({ type: 'text', nullable: true })
  choice: string | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  answeredAt: Date;
}

/** A complaint: what went wrong and, when the customer agreed, how to reach them (sealed). */
@Entity('complaint')
export class ComplaintEntity extends ContactAttributes {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_complaint' })
  id: string;

  @Index('ix_complaint_conversation')
  @Column({ type: 'uuid', nullable: true })
  conversationId: string | null;

  @ManyToOne(() => ConversationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_complaint_conversation' })
  conversation?: ConversationEntity;

  @Index('ix_complaint_customer')
  @Column({ type: 'uuid', nullable: true })
  customerId: string | null;

  @ManyToOne(() => CustomerEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_complaint_customer' })
  customer?: CustomerEntity;

  @Column({ type: 'text', nullable: true })
  reasonCode: string | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'text', nullable: true })
  metric: string | null;

  @Column({ type: 'smallint', nullable: true })
  score: number | null;

  @Column({ type: 'bytea', nullable: true })
  phoneSealed: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  emailSealed: Buffer | null;

  /** Blind index of the phone, to find a customer's complaints without the plaintext. */
  @Index('ix_complaint_phone_index')
  @Column({ type: 'bytea', nullable: true })
  phoneIndex: Buffer | null;

  /** When the customer agreed to be contacted; null means a complaint without contacts. */
  @Column({ type: 'timestamptz', nullable: true })
  consentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Something the customer said outside any question: raw material for diagnosis. */
@Entity('organic_feedback')
@Check('ck_organic_feedback_has_content', `"text" IS NOT NULL OR "voice_file_id" IS NOT NULL`)
export class OrganicFeedbackEntity extends ContactAttributes {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_organic_feedback' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  conversationId: string | null;

  @ManyToOne(() => ConversationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_organic_feedback_conversation' })
  conversation?: ConversationEntity;

  @Index('ix_organic_feedback_customer')
  @Column({ type: 'uuid', nullable: true })
  customerId: string | null;

  @ManyToOne(() => CustomerEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_organic_feedback_customer' })
  customer?: CustomerEntity;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'text', nullable: true })
  voiceFileId: string | null;

  @Column({ type: 'int', nullable: true })
  voiceDurationSeconds: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
