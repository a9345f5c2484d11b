/**
 * One audit trail as this process has read it. Row numbers come from a sequence, taken when a
 * row is inserted but visible only once its transaction commits, so a poll can see row 12
 * before row 11. The window keeps a settled mark (every row up to it was read) and the rows
 * read above it, so a row that commits late is still delivered, and delivered once. A gap
 * left by a rolled-back transaction never fills: once the row after it has been read for
 * `gapTimeoutMs`, the mark moves past it.
 */
export class FeedWindow {
  private mark: number;
  /** Rows read above the mark, with when each was first read. */
  private readonly readAt = new Map<number, number>();

  constructor(settled: number, private readonly gapTimeoutMs: number) {
    this.mark = settled;
  }

  /** Every row up to this number was read (or its number given up on). */
  get settled(): number {
    return this.mark;
  }

  /** The highest row number read. */
  get latest(): number {
    return Math.max(this.mark, ...this.readAt.keys());
  }

  /** Notes a row a poll found; true when it is new (above the mark and not read before). */
  take(seq: number, nowMs: number): boolean {
    if (seq <= this.mark || this.readAt.has(seq)) return false;
    this.readAt.set(seq, nowMs);
    return true;
  }

  /** Moves the mark over the rows read in an unbroken run, and over each gap that has waited long enough. */
  settle(nowMs: number): void {
    for (;;) {
      while (this.readAt.delete(this.mark + 1)) this.mark += 1;
      if (this.readAt.size === 0) return;
      const next = Math.min(...this.readAt.keys());
      // The missing rows were numbered before `next`: their transactions began before it and have not committed since.
      if (nowMs - this.readAt.get(next)! < this.gapTimeoutMs) return;
      this.mark = next - 1;
    }
  }
}
