import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SlaBreaches } from '@turbota/incidents';

const IDLE_TICK_MS = 1_000;
/** Incidents per round, so a backlog after an outage never holds the process for long. */
const BATCH = 100;

/**
 * Polls for passed SLA deadlines in the background. Every API process runs one: each breach
 * is claimed with SKIP LOCKED and stamped once, so they share the work and none fires twice.
 */
@Injectable()
export class SlaWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SLA');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(private readonly breaches: SlaBreaches) {}

  onApplicationBootstrap(): void {
    this.schedule(IDLE_TICK_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round: breaches until none is due or the batch is used; answers how many incidents were handled. */
  async tick(): Promise<number> {
    let handled = 0;
    while (handled < BATCH && !this.stopped && (await this.breaches.fireNext())) handled++;
    return handled;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const round = this.tick()
        .then((handled) => {
          if (handled > 0) this.logger.log(`SLA deadlines passed on ${handled} incident(s)`);
          return handled >= BATCH;
        })
        .catch((error: unknown) => {
          // The database is away for a moment: what is due stays due for the next round.
          this.logger.warn(`SLA round failed: ${(error as Error).message}`);
          return false;
        });
      this.running = round;
      void round.then((busy) => this.schedule(busy ? 0 : IDLE_TICK_MS));
    }, delayMs);
  }
}
