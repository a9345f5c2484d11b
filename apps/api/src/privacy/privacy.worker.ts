import { Injectable, Logger } from '@nestjs/common';
import { PiiCipher, PiiReseal } from '@turbota/privacy';
import { PollingWorker } from '@turbota/workers';
import { type RetentionCounts, RetentionPurge } from './retention-purge';

const IDLE_TICK_MS = 60_000;

/** What one round did: the retention purge's counts and the rows re-sealed under the current key. */
export interface PrivacyRound {
  retention: RetentionCounts;
  resealed: number;
}

/**
 * Every API process runs one: once a minute (at once again while there is a backlog) it
 * purges personal data past PII_RETENTION_DAYS and, during a key rotation, re-seals a batch
 * of values under the current key. Both claim their rows with SKIP LOCKED, so processes share the work.
 */
@Injectable()
export class PrivacyWorker extends PollingWorker<PrivacyRound> {
  constructor(
    private readonly retention: RetentionPurge,
    private readonly reseal: PiiReseal,
    private readonly cipher: PiiCipher,
  ) {
    super(new Logger('Privacy'), { firstMs: IDLE_TICK_MS, idleMs: IDLE_TICK_MS, busyMs: 0 });
  }

  protected override shouldRun(): boolean {
    return this.retention.enabled || this.cipher.rotating;
  }

  /** One round: a batch of each retention step, and a batch of re-seals while older keys are configured. */
  async tick(): Promise<PrivacyRound> {
    const retention = await this.retention.round();
    const resealed = this.cipher.rotating ? (await this.reseal.run({ maxRows: 500, shouldStop: () => this.stopped })).rows : 0;
    return { retention, resealed };
  }

  protected busy({ retention, resealed }: PrivacyRound): boolean {
    const purged = Object.entries(retention).filter(([, n]) => n > 0);
    if (purged.length > 0) this.logger.log(`Retention purge: ${purged.map(([what, n]) => `${n} ${what}`).join(', ')}`);
    if (resealed > 0) this.logger.log(`Key rotation: ${resealed} rows re-sealed under the current key`);
    return purged.some(([, n]) => n >= 200) || resealed >= 500;
  }
}
