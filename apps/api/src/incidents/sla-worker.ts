import { Injectable, Logger } from '@nestjs/common';
import { SlaBreaches } from '@turbota/incidents';
import { PollingWorker } from '@turbota/workers';

const IDLE_TICK_MS = 1_000;
/** Incidents per round, so a backlog after an outage never holds the process for long. */
const BATCH = 100;

/**
 * Polls for passed SLA deadlines in the background. Every API process runs one: each breach
 * is claimed with SKIP LOCKED and stamped once, so they share the work and none fires twice.
 */
@Injectable()
export class SlaWorker extends PollingWorker<number> {
  constructor(private readonly breaches: SlaBreaches) {
    super(new Logger('SLA'), { firstMs: IDLE_TICK_MS, idleMs: IDLE_TICK_MS, busyMs: 0 });
  }

  /** One round: breaches until none is due or the batch is used; answers how many incidents were handled. */
  async tick(): Promise<number> {
    let handled = 0;
    while (handled < BATCH && !this.stopped && (await this.breaches.fireNext())) handled++;
    return handled;
  }

  protected busy(handled: number): boolean {
    if (handled > 0) this.logger.log(`SLA deadlines passed on ${handled} incident(s)`);
    return handled >= BATCH;
  }
}
