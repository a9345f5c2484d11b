/** A send budget that refills at a steady rate, so a burst never exceeds a platform's limit. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perSecond;
    this.updatedAt = now();
  }

  /** How many sends may start now. */
  available(): number {
    this.refill();
    return Math.floor(this.tokens);
  }

  take(count: number): void {
    this.refill();
    this.tokens = Math.max(0, this.tokens - count);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
  }
}
