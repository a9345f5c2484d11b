interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items written while a write is in flight wait and go together in the next
 * one, so a peak of webhooks costs a few multi-row INSERTs instead of one transaction (and
 * one pooled connection) each. The first item of a quiet moment is written at once, alone:
 * nothing waits for a batch to fill. One write at a time, in the order `add` was called, so
 * the rows' ids follow the order the items came in.
 *
 * A batch refused for what one of its items holds (`refusedForAnItem`) is written again item
 * by item, so that one bad item fails only its own caller; any other failure (the database
 * away) fails the whole batch at once.
 */
export class GroupCommit<T> {
  private readonly queue: Waiting<T>[] = [];
  private writing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly options: { maxBatch: number; refusedForAnItem: (error: unknown) => boolean },
  ) {}

  /** Resolves once the item is written (with others that came meanwhile); rejects if it could not be. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch);
        await this.writeBatch(batch);
      }
    } finally {
      this.writing = false;
    }
  }

  private async writeBatch(batch: Waiting<T>[]): Promise<void> {
    try {
      await this.write(batch.map((w) => w.item));
      for (const w of batch) w.resolve();
    } catch (error) {
      if (batch.length === 1 || !this.options.refusedForAnItem(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      for (const w of batch) await this.writeBatch([w]);
    }
  }
}
