import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PersonEntity } from './person.entity';

/**
 * A person's one-time code for linking the Slack user who types it (`/turbota link <code>`),
 * kept only as its SHA-256. One per person: a new code replaces the old one, a used one is deleted.
 */
@Entity('slack_link_code')
export class SlackLinkCodeEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_slack_link_code' })
  personId: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_slack_link_code_person' })
  person?: PersonEntity;

  @Index('uq_slack_link_code_hash', { unique: true })
  @Column({ type: 'bytea' })
  codeHash: Buffer;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
