import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Locale } from '@turbota/common';

/** A person who gave feedback, however many channels they use. */
@Entity('customer')
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_customer' })
  id: string;

  /** The name as the customer gave it or the platform told it, sealed (`PiiCipher`). */
  @Column({ type: 'bytea', nullable: true })
  nameSealed: Buffer | null;

  @Column({ type: 'text', nullable: true })
  locale: Locale | null;

  /** Set by `/stop`: no invitation is sent again. */
  @Column({ type: 'timestamptz', nullable: true })
  optedOutAt: Date | null;

  /** Set when the customer's personal data was erased; the row stays so their answers keep their conversations. */
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Where a customer can be reached: a channel and the address on it (chat id, user id, web chat session). */
@Entity('customer_identity')
@Index('uq_customer_identity_address', ['channel', 'address'], { unique: true })
export class CustomerIdentityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_customer_identity' })
  id: string;

  @Index('ix_customer_identity_customer')
  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_customer_identity_customer' })
  customer?: CustomerEntity;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text' })
  address: string;

  /** What the platform needs to write first (a Bot Framework conversation reference), kept fresh by every inbound message. */
  @Column({ type: 'jsonb', nullable: true })
  reference: unknown;

  /** Set when the platform says the customer cannot be reached there (blocked the bot). */
  @Column({ type: 'timestamptz', nullable: true })
  unreachableAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
