/**
 * A platform's send limit as a sliding one-second window: at most `perSecond` sends start in
 * any second. (A token bucket that starts full lets a burst and the next second's refill land
 * in one second of the platform's count: twice the limit, answered with 429s that pause the
 * whole channel.)
 */
export class SendWindow {
  // When each send of the last second started, oldest first.
  private readonly starts: number[] = [];

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many sends may start now. */
  available(): number {
    this.forget();
    return Math.max(0, this.perSecond - this.starts.length);
  }

  take(count: number): void {
    this.forget();
    const now = this.now();
    for (let i = 0; i < count; i++) this.starts.push(now);
  }

  private forget(): void {
    const since = this.now() - 1000;
    while (this.starts.length > 0 && this.starts[0] <= since) this.starts.shift();
  }
}
