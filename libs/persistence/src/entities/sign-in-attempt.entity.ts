import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What sign-in throttling counts: `account`, failed sign-ins per e-mail address; `address`,
 * failures of the public sign-in routes per client address; `reset`, reset e-mails per
 * e-mail address; `slack-link`, wrong Slack link codes per Slack user.
 */
export const SIGN_IN_BUCKETS = ['account', 'address', 'reset', 'slack-link'] as const;
export type SignInBucket = (typeof SIGN_IN_BUCKETS)[number];

/**
 * One counted attempt, kept for the throttle's window. The subject (an e-mail, a client
 * address or a Slack user) is stored only as a keyed hash, so the table names nobody.
 */
@Entity('sign_in_attempt')
@Check('ck_sign_in_attempt_bucket', `"bucket" IN ('account', 'address', 'reset', 'slack-link')`)
@Index('ix_sign_in_attempt_subject', ['bucket', 'subject', 'at'])
export class SignInAttemptEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_sign_in_attempt' })
  id: string;

  @Column({ type: 'text' })
  bucket: SignInBucket;

  @Column({ type: 'bytea' })
  subject: Buffer;

  @Index('ix_sign_in_attempt_at')
  @Column({ type: 'timestamptz' })
  at: Date;
}
