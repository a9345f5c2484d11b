import { FeedWindow } from './feed-window';

describe('FeedWindow', () => {
  it('takes each row once and settles over an unbroken run', () => {
    const window = new FeedWindow(10, 5_000);
    expect([11, 12, 12, 10].map((seq) => window.take(seq, 0))).toEqual([true, true, false, false]);
    window.settle(0);
    expect([window.settled, window.latest]).toEqual([12, 12]);
  });

  it('waits at a gap, delivers the row that commits late, and only then moves past it', () => {
    const window = new FeedWindow(10, 5_000);
    window.take(12, 0);
    window.take(13, 0);
    window.settle(1_000);
    expect([window.settled, window.latest]).toEqual([10, 13]);
    expect(window.take(13, 1_000)).toBe(false);
    expect(window.take(11, 2_000)).toBe(true);
    window.settle(2_000);
    expect(window.settled).toBe(13);
  });

  it('gives up a gap once the row after it has been read for the timeout (a rolled-back number)', () => {
    const window = new FeedWindow(10, 5_000);
    window.take(12, 0);
    window.take(15, 3_000);
    window.settle(4_999);
    expect(window.settled).toBe(10);
    window.settle(5_000);
    expect(window.settled).toBe(12); // 13 and 14 are still waited for: 15 was read only 2 s ago
    window.settle(8_000);
    expect(window.settled).toBe(15);
    expect(window.take(11, 8_000)).toBe(false);
  });
});
