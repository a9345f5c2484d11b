import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThan, MoreThan } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { SIGN_IN_BUCKETS, SignInAttemptEntity, type SignInBucket } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { SignInThrottledError } from './people.errors';

/** Reset e-mails one account receives per window at most; more requests are answered alike and send nothing. */
export const RESET_MAILS_PER_WINDOW = 3;

/** Wrong Slack link codes one Slack user may send per {@link SLACK_LINK_WINDOW_MS}; then even a right one is refused, so none can be guessed. */
export const SLACK_LINK_FAILURES_PER_WINDOW = 5;
export const SLACK_LINK_WINDOW_MS = 10 * 60_000;

// Rows past the window are deleted at most this often per process.
const PURGE_EVERY_MS = 60_000;

/** Attempts counted ahead of a password check: taken back when it succeeds. */
export interface PendingAttempt {
  ids: string[];
}

/**
 * Every throttle of people's sign-in, counted in the database so the limits hold across
 * processes (the web chat's input budget does the same): failed sign-ins per account,
 * failures of the public sign-in routes per client address, reset e-mails per account, and
 * wrong Slack link codes per Slack user.
 * Subjects are stored as keyed hashes. An attempt is counted before it is judged and each
 * counts itself, so attempts sent at once cannot all slip under a limit.
 */
@Injectable()
export class SignInThrottle {
  private readonly secret: Buffer;
  private purgedAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    cipher: PiiCipher,
  ) {
    this.secret = cipher.derivedSecrets('sign-in throttle')[0];
  }

  /** Refuses with SignInThrottledError when the address has used up its failures; counts nothing. */
  async checkAddress(address: string): Promise<void> {
    const limit = this.config.signIn.failuresPerAddress;
    if (limit === 0) return;
    const subject = this.subjectOf(address);
    const spent = await this.dataSource.manager.count(SignInAttemptEntity, { where: { bucket: 'address', subject, at: MoreThan(this.windowStart('address')) } });
    if (spent >= limit) throw new SignInThrottledError(await this.retryAfter('address', subject, limit));
  }

  /** Counts a failure of the address (a refused link or setup token). */
  async addressFailed(address: string): Promise<void> {
    if (this.config.signIn.failuresPerAddress === 0) return;
    await this.dataSource.manager.insert(SignInAttemptEntity, { bucket: 'address', subject: this.subjectOf(address), at: this.clock.now() });
  }

  /** Counts a sign-in as failed for the account and the address until `succeeded`; throttled when either is full. */
  async begin(email: string, address: string): Promise<PendingAttempt> {
    const budgets: [SignInBucket, string, number][] = [
      ['account', email, this.config.signIn.failuresPerAccount],
      ['address', address, this.config.signIn.failuresPerAddress],
    ];
    const counted = await Promise.all(budgets.filter(([, , limit]) => limit > 0).map(([bucket, subject, limit]) => this.take(bucket, subject, limit)));
    const pending = { ids: counted.map((c) => c.id) };
    const refused = counted.filter((c) => c.over);
    if (refused.length === 0) return pending;
    await this.succeeded(pending);
    const waits = await Promise.all(refused.map((c) => this.retryAfter(c.bucket, c.subject, c.limit)));
    throw new SignInThrottledError(Math.max(...waits));
  }

  /** Takes back what `begin` counted: the sign-in succeeded. */
  async succeeded(attempt: PendingAttempt): Promise<void> {
    if (attempt.ids.length > 0) await this.dataSource.manager.delete(SignInAttemptEntity, { id: In(attempt.ids) });
  }

  /**
   * Counts a Slack link code as wrong until `succeeded` (it was right); throttled, counting
   * nothing more, when the Slack user has sent too many wrong ones in the window.
   */
  async beginSlackLink(slackUserId: string): Promise<PendingAttempt> {
    const taken = await this.take('slack-link', slackUserId, SLACK_LINK_FAILURES_PER_WINDOW);
    const pending = { ids: [taken.id] };
    if (!taken.over) return pending;
    await this.succeeded(pending);
    throw new SignInThrottledError(await this.retryAfter('slack-link', taken.subject, SLACK_LINK_FAILURES_PER_WINDOW));
  }

  /** Whether one more reset e-mail may go to the account in this window (counting it if so). */
  async mayMailReset(email: string): Promise<boolean> {
    const taken = await this.take('reset', email, RESET_MAILS_PER_WINDOW);
    if (taken.over) await this.succeeded({ ids: [taken.id] });
    return !taken.over;
  }

  private async take(bucket: SignInBucket, subjectText: string, limit: number): Promise<{ id: string; over: boolean; bucket: SignInBucket; subject: Buffer; limit: number }> {
    this.purgeNowAndThen();
    const subject = this.subjectOf(subjectText);
    const { identifiers } = await this.dataSource.manager.insert(SignInAttemptEntity, { bucket, subject, at: this.clock.now() });
    const id = String((identifiers[0] as { id: string }).id);
    const counted = await this.dataSource.manager.count(SignInAttemptEntity, { where: { bucket, subject, at: MoreThan(this.windowStart(bucket)) } });
    return { id, over: counted > limit, bucket, subject, limit };
  }

  /** Seconds until the window holds fewer than `limit` attempts: when the limit-th newest one leaves it. */
  private async retryAfter(bucket: SignInBucket, subject: Buffer, limit: number): Promise<number> {
    const [row] = await this.dataSource.manager.find(SignInAttemptEntity, {
      where: { bucket, subject, at: MoreThan(this.windowStart(bucket)) },
      order: { at: 'DESC' },
      skip: limit - 1,
      take: 1,
    });
    const leavesAt = row ? row.at.getTime() + this.windowMs(bucket) : this.clock.now().getTime();
    return Math.max(1, Math.ceil((leavesAt - this.clock.now().getTime()) / 1000));
  }

  private subjectOf(text: string): Buffer {
    return createHmac('sha256', this.secret).update(text.trim().toLowerCase(), 'utf8').digest();
  }

  private windowMs(bucket: SignInBucket): number {
    return bucket === 'slack-link' ? SLACK_LINK_WINDOW_MS : this.config.signIn.throttleWindowMinutes * 60_000;
  }

  private windowStart(bucket: SignInBucket): Date {
    return new Date(this.clock.now().getTime() - this.windowMs(bucket));
  }

  private purgeNowAndThen(): void {
    const now = this.clock.now().getTime();
    if (now - this.purgedAt < PURGE_EVERY_MS) return;
    this.purgedAt = now;
    // Housekeeping: a failure leaves old rows for the next purge, and the sign-in goes on. Rows
    // outlive the shorter window until then, which counts only its own.
    const longest = Math.max(...SIGN_IN_BUCKETS.map((bucket) => this.windowMs(bucket)));
    this.dataSource.manager.delete(SignInAttemptEntity, { at: LessThan(new Date(now - longest)) }).catch(() => (this.purgedAt = 0));
  }
}
