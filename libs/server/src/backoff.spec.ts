import { seededRandom } from '@turbota/common';
import { backoffCeilingMs, backoffMs, MAX_ATTEMPTS, nextAttemptInMs } from './backoff';

describe('back-off with full jitter', () => {
  it('doubles its ceiling from 2 s with each failed attempt, up to 10 minutes', () => {
    expect([1, 2, 3, 4, 9, 10, 11, 40].map(backoffCeilingMs)).toEqual([2_000, 4_000, 8_000, 16_000, 512_000, 600_000, 600_000, 600_000]);
  });

  it('draws each wait uniformly below the ceiling, from the random source it is given', () => {
    expect(backoffMs(3, () => 0)).toBe(0);
    expect(backoffMs(3, () => 0.25)).toBe(2_000);
    expect(backoffMs(3, () => 0.999_999)).toBe(7_999);
    // At the middle of the draw, the waits the back-off kept before it had jitter: 1 s, 2 s, 4 s ... 5 minutes.
    expect([1, 2, 3, 10, 11].map((attempts) => backoffMs(attempts, () => 0.5))).toEqual([1_000, 2_000, 4_000, 300_000, 300_000]);
  });

  it('spreads the retries of items that failed together instead of sending them all back at once', () => {
    const random = seededRandom(2026);
    const waits = Array.from({ length: 1_000 }, () => backoffMs(4, random));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...waits)).toBeLessThan(16_000);
    // Every tenth of the range gets its share (a uniform draw), and the average is half the ceiling.
    const tenths = Array.from({ length: 10 }, (_, i) => waits.filter((w) => Math.floor(w / 1_600) === i).length);
    for (const count of tenths) expect(count).toBeGreaterThan(60);
    const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
    expect(Math.abs(mean - 8_000)).toBeLessThan(600);
  });

  it('gives an item up once it has had MAX_ATTEMPTS attempts', () => {
    const random = seededRandom(7);
    expect(MAX_ATTEMPTS).toBe(12);
    for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) expect(nextAttemptInMs(attempts, random)).toEqual(expect.any(Number));
    expect(nextAttemptInMs(MAX_ATTEMPTS, random)).toBeNull();
    expect(nextAttemptInMs(MAX_ATTEMPTS + 1, random)).toBeNull();
  });
});
