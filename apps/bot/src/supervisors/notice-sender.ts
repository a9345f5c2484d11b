import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { type RandomSource, RETRY_RANDOM } from '@turbota/common';
import { nextAttemptInMs } from '@turbota/server';
import { PollingWorker } from '@turbota/workers';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError } from '../channels/send-errors';
import { NoticeDelivery } from './notice-delivery';
import { type ClaimedDigestNotice, type ClaimedNotice, NoticeRepository } from './notice.repository';
import { SUPERVISORS_SLACK, type SupervisorsSlack } from './supervisors-slack';

/** Longer than one subject's calls may take (each times out after 10 s); short enough that a crash delays little. */
export const NOTICE_LEASE_MS = 60_000;
const BATCH = 5;
/** Incidents one digest message lists at most; more wait for the next round. */
const DIGEST_BATCH = 500;
const BUSY_TICK_MS = 50;
const IDLE_TICK_MS = 500;
const CONFIG_PAUSE_MS = 60_000;

/**
 * Delivers the supervisors' notices to Slack: claims them (leased, `SKIP LOCKED`, so several
 * processes share the work), calls Slack outside any transaction, and records the outcome by
 * what the failure says: wait out a 429's retry_after, pause on bad credentials or a missing
 * channel, back off on temporary failures, give up on a refusal. Incidents held back for a
 * digest go out together, one message per digest period. Off (notices stay pending) unless
 * the bot token and the escalation channel are configured.
 */
@Injectable()
export class NoticeSender extends PollingWorker<boolean> {
  private pausedUntil = 0;

  constructor(
    private readonly notices: NoticeRepository,
    private readonly delivery: NoticeDelivery,
    @Optional() @Inject(SUPERVISORS_SLACK) private readonly slack: SupervisorsSlack | null,
    @Inject(RETRY_RANDOM) private readonly random: RandomSource,
  ) {
    super(new Logger('SupervisorNotices'), { firstMs: 0, idleMs: IDLE_TICK_MS, busyMs: BUSY_TICK_MS });
  }

  protected override shouldRun(): boolean {
    if (!this.slack) this.logger.log('Slack for supervisors is off: set SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_ESCALATION_CHANNEL to turn it on');
    return this.slack !== null;
  }

  /** One round; answers whether anything was claimed. */
  async tick(): Promise<boolean> {
    if (!this.slack || this.pausedUntil > Date.now()) return false;
    await this.delivery.recordLeftovers();
    const claimed = await this.notices.claim({ limit: BATCH, leaseMs: NOTICE_LEASE_MS });
    // One after another: they go to one channel, which Slack lets take about one message a second.
    for (const notice of claimed) {
      if (this.pausedUntil > Date.now()) await this.notices.retry(notice.seq, { delayMs: this.pausedUntil - Date.now(), error: 'paused', counts: false });
      else await this.sendOne(this.slack, notice);
    }
    const digest = this.pausedUntil > Date.now() ? [] : await this.notices.claimDigest({ limit: DIGEST_BATCH, leaseMs: NOTICE_LEASE_MS });
    if (digest.length) await this.sendDigest(this.slack, digest);
    return claimed.length > 0 || digest.length > 0;
  }

  protected busy(claimed: boolean): boolean {
    return claimed;
  }

  private async sendOne(slack: SupervisorsSlack, head: ClaimedNotice): Promise<void> {
    const covered = await this.notices.covered(head);
    try {
      await this.delivery.deliver(slack, { head, slaBreach: covered.find((n) => n.kind === 'sla_breached')?.seq ?? null });
    } catch (error) {
      return this.recordFailure(head, error);
    }
    await this.delivery.record(() => this.notices.sent(covered.map((n) => n.seq)));
  }

  private async sendDigest(slack: SupervisorsSlack, claimed: ClaimedDigestNotice[]): Promise<void> {
    try {
      await this.delivery.deliverDigest(slack, claimed);
    } catch (error) {
      for (const notice of claimed) await this.recordFailure(notice, error);
      return;
    }
    await this.delivery.record(() => this.notices.sent(claimed.map((n) => n.seq)));
  }

  private async recordFailure(notice: Pick<ClaimedNotice, 'seq' | 'attempts'>, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof RateLimitedError) {
      const delayMs = error.retryAfterSeconds * 1000;
      this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delayMs);
      return this.notices.retry(notice.seq, { delayMs, error: reason, counts: false });
    }
    if (error instanceof BadCredentialsError || error instanceof RecipientUnreachableError) {
      this.logger.error(`Slack refuses the supervisors' configuration (token or SLACK_ESCALATION_CHANNEL); notices are paused: ${reason}`);
      this.pausedUntil = Date.now() + CONFIG_PAUSE_MS;
      return this.notices.retry(notice.seq, { delayMs: CONFIG_PAUSE_MS, error: reason, counts: false });
    }
    const delayMs = error instanceof RejectedMessageError ? null : nextAttemptInMs(notice.attempts, this.random);
    if (delayMs === null) {
      this.logger.warn(`A supervisors' notice was given up after ${notice.attempts} attempt(s): ${reason}`);
      return this.notices.failed(notice.seq, reason);
    }
    return this.notices.retry(notice.seq, { delayMs, error: reason, counts: true });
  }
}
