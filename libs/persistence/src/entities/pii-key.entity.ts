import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A key that has sealed personal data in this database, by its id (never the key): a process
 * whose keys cannot open every key recorded here (but the retired ones) refuses to start.
 */
@Entity('pii_key')
export class PiiKeyEntity {
  /** The key id every value sealed with it carries (8 hex digits). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_pii_key' })
  keyId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  firstUsedAt: Date;

  /** The last start of a process sealing with it. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastUsedAt: Date;

  /** When a re-seal left no value under it: it need not be configured any more. */
  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
