import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes the first item at once, alone, and what comes meanwhile together in the next write', async () => {
    const writes: number[][] = [];
    let release: () => void = () => undefined;
    const group = new GroupCommit<number>(async (items) => {
      writes.push(items);
      if (writes.length === 1) await new Promise<void>((resolve) => (release = resolve));
    }, { maxBatch: 3, refusedForAnItem: () => true });

    const first = group.add(1);
    expect(writes).toEqual([[1]]);
    const rest = [2, 3, 4, 5].map((n) => group.add(n));
    release();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([[1], [2, 3, 4], [5]]);
  });

  /** Writes 0 alone, holding it 10 ms, then 12, 13 and 14 together; a batch with 13 fails with `failure`. */
  async function withThirteen(failure: Error) {
    const writes: number[][] = [];
    let hold: Promise<void> | undefined = new Promise((resolve) => setTimeout(resolve, 10));
    const group = new GroupCommit<number>(async (items) => {
      writes.push(items);
      if (hold) await hold.then(() => (hold = undefined));
      if (items.includes(13)) throw failure;
    }, { maxBatch: 10, refusedForAnItem: (error) => error instanceof RangeError });
    const outcomes = await Promise.allSettled([0, 12, 13, 14].map((n) => group.add(n)));
    return { statuses: outcomes.map((o) => o.status), writes };
  }

  it('writes a batch refused for an item again item by item, failing only that item', async () => {
    const { statuses, writes } = await withThirteen(new RangeError('refused'));
    expect(statuses).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(writes).toEqual([[0], [12, 13, 14], [12], [13], [14]]);
  });

  it('fails the whole batch at once when the refusal is not for an item (the database away)', async () => {
    const { statuses, writes } = await withThirteen(new Error('connection terminated'));
    expect(statuses).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected']);
    expect(writes).toEqual([[0], [12, 13, 14]]);
  });
});
