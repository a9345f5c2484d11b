import { seededRandom } from '@turbota/common';
import { backoffCeilingMs, backoffMs, MAX_ATTEMPTS, nextAttemptInMs } from './backoff';

describe('back-off with full jitter', () => {
  it('doubles its ceiling from 2 s with each failed attempt, up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 10, 79].map(backoffCeilingMs)).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('draws each wait uniformly below the ceiling, from the random source it is given', () => {
    expect(backoffMs(3, () => 0)).toBe(0);
    expect(backoffMs(3, () => 0.25)).toBe(2_000);
    expect(backoffMs(3, () => 0.999_999)).toBe(7_999);
    // At the middle of the draw: 1 s, 2 s, 4 s, 8 s, then 15 s.
    expect([1, 2, 3, 4, 5, 11].map((attempts) => backoffMs(attempts, () => 0.5))).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
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

  it('gives an item up once it has had MAX_ATTEMPTS attempts, about 19 minutes of waits on average', () => {
    const random = seededRandom(7);
    const averageWaitsMs = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => backoffCeilingMs(i + 1) / 2).reduce((a, b) => a + b, 0);
    expect(Math.round(averageWaitsMs / 60_000)).toBe(19);
    for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) expect(nextAttemptInMs(attempts, random)).toEqual(expect.any(Number));
    expect(nextAttemptInMs(MAX_ATTEMPTS, random)).toBeNull();
    expect(nextAttemptInMs(MAX_ATTEMPTS + 1, random)).toBeNull();
  });
});
