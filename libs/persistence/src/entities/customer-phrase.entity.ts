import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { CustomerEntity } from './customer.entity';

/**
 * The phrase variant a customer heard last for each of the standard's phrases, across all their
 * conversations and channels, so the next time they hear a different one.
 */
@Entity('customer_phrase')
export class CustomerPhraseEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_customer_phrase' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_customer_phrase_customer' })
  customer?: CustomerEntity;

  /** Which phrase: the standard's event and action, e.g. `detractor.apologise`. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_customer_phrase' })
  phraseKey: string;

  /** The variant's text rather than its position, so an edit of the standard that reorders variants still avoids a repeat. */
  @Column({ type: 'text' })
  lastVariant: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
