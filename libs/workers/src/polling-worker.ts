import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { outsideAnyTrace } from '@turbota/observability';

/** When rounds run: the first after start-up, the next after an idle or a busy round. */
export interface PollingPace {
  firstMs: number;
  idleMs: number;
  busyMs: number;
}

/**
 * A background loop that every process of a kind runs: a round (`tick`) now and again, the
 * next one sooner while rounds find work, and at shutdown no new round while the one in
 * progress is awaited. Rounds claim their rows with `SKIP LOCKED`, so processes share the
 * work; a round that fails (the database away for a moment) is logged and the next one
 * finds what is still due.
 */
export abstract class PollingWorker<Round> implements OnApplicationBootstrap, OnApplicationShutdown {
  protected stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private started = false;
  private inRound = false;
  private woken = false;

  protected constructor(
    protected readonly logger: Logger,
    private readonly pace: PollingPace,
  ) {}

  /** One round; what it answers says what was handled. */
  abstract tick(): Promise<Round>;

  /** Logs what a round handled; true when it may have left work for the next round at once. */
  protected abstract busy(round: Round): boolean;

  /** False keeps this process out of the loop (a feature that is off says so here). */
  protected shouldRun(): boolean {
    return true;
  }

  /** Anything to learn before the first round (awaited at start-up, before the process takes requests). */
  protected async prepare(): Promise<void> {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.shouldRun()) return;
    await this.prepare();
    this.started = true;
    this.schedule(this.pace.firstMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Runs the next round now (new work was just stored); a round in progress is followed by another at once. */
  protected wake(): void {
    if (this.stopped || !this.started) return;
    if (this.inRound) {
      this.woken = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    // A round woken by a request is no part of that request's trace.
    this.timer = setTimeout(() => outsideAnyTrace(() => this.round()), delayMs);
  }

  private round(): void {
    this.inRound = true;
    this.woken = false;
    const round = this.tick()
      .then((handled) => this.busy(handled))
      .catch((error: unknown) => {
        this.logger.warn(`Round failed, to be tried again: ${(error as Error).message}`);
        return false;
      });
    this.running = round;
    void round.then((busy) => {
      this.inRound = false;
      this.schedule(busy || this.woken ? this.pace.busyMs : this.pace.idleMs);
    });
  }
}
