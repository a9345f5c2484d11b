import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** What a person may do: the same meaning as an API key of that role. */
export const PERSON_ROLES = ['admin', 'supervisor', 'viewer'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** `invited`: has a link but no password yet; `deactivated`: may no longer sign in. */
export const PERSON_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** `setup`: creates the first admin; `invite`: sets a new person's password; `reset`: sets a forgotten one anew. */
export const PERSON_TOKEN_KINDS = ['setup', 'invite', 'reset'] as const;
export type PersonTokenKind = (typeof PERSON_TOKEN_KINDS)[number];

/**
 * A person who signs in to the console. The e-mail is kept lower-case, so its uniqueness
 * holds whatever case it was typed in; the password only as an argon2id hash.
 */
@Entity('person')
@Check('ck_person_role', `"role" IN ('admin', 'supervisor', 'viewer')`)
@Check('ck_person_status', `"status" IN ('invited', 'active', 'deactivated')`)
@Check('ck_person_email_lower_case', `"email" = lower("email")`)
@Check('ck_person_locale', `"locale" IN ('uk', 'ru', 'en')`)
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_person' })
  id: string;

  @Index('uq_person_email', { unique: true })
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  role: PersonRole;

  @Column({ type: 'text', default: 'invited' })
  status: PersonStatus;

  /** argon2id in the PHC string format; null until the person sets a password. */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  /** The Slack user the person acts as in Slack, so both read as one actor. */
  @Index('uq_person_slack_user_id', { unique: true, where: `"slack_user_id" IS NOT NULL` })
  @Column({ type: 'text', nullable: true })
  slackUserId: string | null;

  /** The language the person chose; null: the installation's default. */
  @Column({ type: 'text', nullable: true })
  locale: 'uk' | 'ru' | 'en' | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * One sign-in: the cookie carries a random token, the row only its SHA-256. It ends when
 * unused past `idle_expires_at`, at `expires_at` in any case, or when revoked.
 */
@Entity('person_session')
export class PersonSessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_person_session' })
  id: string;

  @Index('uq_person_session_token_hash', { unique: true })
  @Column({ type: 'bytea' })
  tokenHash: Buffer;

  @Index('ix_person_session_person')
  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_person_session_person' })
  person?: PersonEntity;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  /** Moved forward at most once a minute, with the idle expiry. */
  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ type: 'timestamptz' })
  idleExpiresAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

/** A one-time link's token (setup, invitation, password reset), kept only as its SHA-256. */
@Entity('person_token')
@Check('ck_person_token_kind', `"kind" IN ('setup', 'invite', 'reset')`)
@Check('ck_person_token_person', `("kind" = 'setup') = ("person_id" IS NULL)`)
export class PersonTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_person_token' })
  id: string;

  @Column({ type: 'text' })
  kind: PersonTokenKind;

  @Index('uq_person_token_hash', { unique: true })
  @Column({ type: 'bytea' })
  tokenHash: Buffer;

  /** Whom the link is for; null for the setup link, which creates its person. */
  @Index('ix_person_token_person')
  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_person_token_person' })
  person?: PersonEntity;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
