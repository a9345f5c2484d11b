import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes the first item at once, alone, and what comes meanwhile together in the next write', async () => {
    const writes: number[][] = [];
    let release: () => void = () => undefined;
    const group = new GroupCommit<number>(async (items) => {
      writes.push(items);
      if (writes.length === 1) await new Promise<void>((resolve) => (release = resolve));
    }, 3);

    const first = group.add(1);
    expect(writes).toEqual([[1]]);
    const rest = [2, 3, 4, 5].map((n) => group.add(n));
    release();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('writes a refused batch again item by item, failing only the item refused alone', async () => {
    const written: number[] = [];
    let hold: Promise<void> | undefined = new Promise((resolve) => setTimeout(resolve, 10));
    const group = new GroupCommit<number>(async (items) => {
      if (hold) await hold.then(() => (hold = undefined));
      if (items.includes(13)) throw new Error('refused');
      written.push(...items);
    }, 10);

    const outcomes = await Promise.allSettled([0, 12, 13, 14].map((n) => group.add(n)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(written).toEqual([0, 12, 14]);
  });
});
