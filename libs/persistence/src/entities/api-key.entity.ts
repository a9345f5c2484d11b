import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const API_ROLES = ['admin', 'supervisor', 'viewer', 'integration'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** Where a key came from: created through the API, taken from ADMIN_API_KEY, or generated at first start. */
export type ApiKeySource = 'api' | 'env' | 'generated';

/**
 * An API key; only a keyed hash of it is stored (HMAC-SHA256 with a secret derived from the
 * PII key). Rows from before carry a plain SHA-256 until the key's next use upgrades them.
 */
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

  /**
   * A short keyed fingerprint (`fp:` and 8 hex digits), so a person can tell keys apart
   * without any part of the key shown; null for a key from before it, until its next use.
   */
  @Column({ type: 'text', nullable: true })
  keyFingerprint: string | null;

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
