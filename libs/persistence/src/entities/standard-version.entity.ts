import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One version of the service standard (the Event -> Tasks -> Actions table). Never changed once
 * written: incidents keep the version they were created under, and a new edit is a new version.
 */
@Entity('standard_version')
export class StandardVersionEntity {
  /** 1 is seeded from `config/standard.json`; each publish takes the next number. */
  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_standard_version' })
  version: number;

  /** The whole table, checked by `parseStandardTable` before it is written. */
  @Column({ type: 'jsonb' })
  content: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Who published it: an API key's name, or the seed file. */
  @Column({ type: 'text' })
  createdBy: string;
}
