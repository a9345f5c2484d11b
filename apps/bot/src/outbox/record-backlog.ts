/**
 * Database writes that record what a platform already did (a message sent, a Slack post
 * placed). One the database refuses (it is away) is kept and written by `flush`, which a
 * sender calls before it claims anything again: else the lease would run out and the same
 * thing would be done twice. Kept in this process's memory, so a crash in that moment still
 * repeats it.
 */
export class RecordBacklog {
  private readonly pending: (() => Promise<void>)[] = [];

  async record(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.pending.push(write);
      throw error;
    }
  }

  /** Writes what was kept, oldest first; throws (keeping the rest) while the database is still away. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) {
      await this.pending[0]();
      this.pending.shift();
    }
  }
}
