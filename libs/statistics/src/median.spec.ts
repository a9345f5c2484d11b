import { seededRandom } from '../test/seeded-random';
import { median, percentile } from './median';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([7])).toBe(7);
  });

  it('is null without values', () => {
    expect(median([])).toBeNull();
  });

  it('ignores a few incidents left open for weeks, unlike a mean', () => {
    expect(median([2, 3, 3, 4, 5000])).toBe(3);
  });

  it('does not reorder the caller’s array', () => {
    const hours = [5, 1, 3];
    median(hours);
    expect(hours).toEqual([5, 1, 3]);
  });
});

describe('percentile', () => {
  it('interpolates between ranks as PostgreSQL percentile_cont does', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // Rank 0.9 · (10 − 1) = 8.1: 9 + 0.1 · (10 − 9) = 9.1.
    expect(percentile(values, 90)).toBeCloseTo(9.1, 12);
    // Rank 0.25 · 9 = 2.25: 3 + 0.25 · 1 = 3.25.
    expect(percentile(values, 25)).toBe(3.25);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(10);
  });

  it('rises with p and stays within the data for random samples', () => {
    const random = seededRandom(29);
    for (let trial = 0; trial < 100; trial++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 50) }, () => 1000 * random());
      let previous = -Infinity;
      for (const p of [0, 10, 25, 50, 75, 90, 95, 100]) {
        const q = percentile(values, p)!;
        expect(q).toBeGreaterThanOrEqual(previous);
        previous = q;
      }
      expect(percentile(values, 0)).toBe(Math.min(...values));
      expect(percentile(values, 100)).toBe(Math.max(...values));
    }
  });

  it('is null without values and rejects p outside 0-100 or non-numbers', () => {
    expect(percentile([], 90)).toBeNull();
    expect(() => percentile([1, 2], 101)).toThrow(RangeError);
    expect(() => percentile([1, 2], -1)).toThrow(RangeError);
    expect(() => percentile([1, Number.NaN], 50)).toThrow(RangeError);
  });
});
