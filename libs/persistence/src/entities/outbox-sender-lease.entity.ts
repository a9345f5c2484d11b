import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which bot process sends a channel's outbox, and until when: a platform counts its send
 * limit per bot token, so one process at a time sends for a channel. A holder renews its row
 * while it runs; another process takes the row once `lease_until` has passed.
 */
@Entity('outbox_sender_lease')
export class OutboxSenderLeaseEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_outbox_sender_lease' })
  channel: string;

  /** The process: host name, process id and a random suffix. */
  @Column({ type: 'text' })
  holder: string;

  /** The database's time until which only the holder sends. */
  @Column({ type: 'timestamptz' })
  leaseUntil: Date;
}
