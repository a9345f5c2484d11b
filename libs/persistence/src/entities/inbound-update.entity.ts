import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A customer's input a webhook acknowledged before it was applied: when the process already
 * runs as many dialogue steps as it can take at once, the webhook stores the input here
 * (what it carried is sealed: it may hold a shared contact or a name) and answers at once;
 * a background worker applies it, in order per address, and deletes the row.
 */
@Entity('inbound_update')
@Unique('uq_inbound_update_key', ['channel', 'address', 'inputKey'])
@Index('ix_inbound_update_address', ['channel', 'address', 'id'])
export class InboundUpdateEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_inbound_update' })
  id: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text' })
  address: string;

  /** The platform's key for de-duplication (Telegram `update_id`). */
  @Column({ type: 'text' })
  inputKey: string;

  /** The input, its context and its reference as JSON, sealed with the PII cipher. */
  @Column({ type: 'bytea' })
  event: Buffer;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  /** Not claimed before this: a worker's lease while it applies the row, or the back-off after a failure. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt: Date;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** Set when the row failed too often to try again: it no longer holds back the address's later inputs. */
  @Column({ type: 'timestamptz', nullable: true })
  failedAt: Date | null;
}
