import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const API_ROLES = ['admin', 'supervisor', 'viewer', 'integration'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** Where a key came from: created through the API, taken from ADMIN_API_KEY, or generated at first start. */
export type ApiKeySource = 'api' | 'env' | 'generated';

/** An API key; only its SHA-256 is stored. */
@Entity('api_key')
@Check('ck_api_key_role', `"role" IN ('admin', 'supervisor', 'viewer', 'integration')`)
@Check('ck_api_key_source', `"source" IN ('api', 'env', 'generated')`)
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_api_key' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: ApiRole;

  @Index('uq_api_key_hash', { unique: true })
  @Column({ type: 'bytea' })
  keyHash: Buffer;

  /** The first characters of the key, so a person can tell keys apart. */
  @Column({ type: 'text' })
  keyPrefix: string;

  @Column({ type: 'text', default: 'api' })
  source: ApiKeySource;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
