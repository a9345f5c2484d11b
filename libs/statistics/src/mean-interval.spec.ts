import { seededRandom } from '../test/seeded-random';
import { meanEstimate, momentSums } from './mean-interval';
import { studentTQuantile } from './student-t';

describe('momentSums', () => {
  it('rolls values up into count, sum and sum of squares', () => {
    expect(momentSums([1, 2, 3])).toEqual({ n: 3, sum: 6, sumOfSquares: 14 });
    expect(momentSums([])).toEqual({ n: 0, sum: 0, sumOfSquares: 0 });
  });

  it('rejects values that are not finite numbers', () => {
    expect(() => momentSums([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('meanEstimate', () => {
  it('matches a hand-computed t interval', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: n = 8, mean 5, Σ(x − 5)² = 32, s² = 32/7, s = 2.138090,
    // t(0.975, 7) = 2.364624, half = 2.364624 · 2.138090 / √8 = 1.787488: 3.212512 to 6.787488.
    const result = meanEstimate({ n: 8, sum: 40, sumOfSquares: 232 });
    expect(result.value).toBe(5);
    expect(result.sd).toBeCloseTo(2.13809, 5);
    expect(result.ci95![0]).toBeCloseTo(3.212512, 5);
    expect(result.ci95![1]).toBeCloseTo(6.787488, 5);
  });

  it('has no mean without values, and no interval with one value', () => {
    expect(meanEstimate({ n: 0, sum: 0, sumOfSquares: 0 })).toEqual({ n: 0, value: null, sd: null, ci95: null });
    expect(meanEstimate({ n: 1, sum: 4, sumOfSquares: 16 })).toEqual({ n: 1, value: 4, sd: null, ci95: null });
  });

  it('uses t with one degree of freedom for two values', () => {
    // 3 and 5: mean 4, s = √2, half = 12.706205 · √2 / √2 = 12.706205.
    const result = meanEstimate(momentSums([3, 5]));
    expect(result.ci95![0]).toBeCloseTo(4 - 12.706205, 5);
    expect(result.ci95![1]).toBeCloseTo(4 + 12.706205, 5);
  });

  it('gives zero width, not rounding noise, when all values are equal', () => {
    for (const value of [0.1, 3, 6.7, 1234.5678]) {
      const result = meanEstimate(momentSums(Array<number>(9).fill(value)));
      expect(result.sd).toBe(0);
      expect(result.ci95![1] - result.ci95![0]).toBe(0);
    }
  });

  it('contains the mean, symmetrically, for random samples', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 300; trial++) {
      const values = Array.from({ length: 2 + Math.floor(random() * 200) }, () => 100 * random());
      const result = meanEstimate(momentSums(values));
      const [low, high] = result.ci95!;
      expect(low).toBeLessThanOrEqual(result.value!);
      expect(high).toBeGreaterThanOrEqual(result.value!);
      expect(result.value! - low).toBeCloseTo(high - result.value!, 9);
      // Against a two-pass standard deviation computed independently here.
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
      expect(result.sd).toBeCloseTo(sd, 8);
      expect((high - low) / 2).toBeCloseTo((studentTQuantile(0.975, values.length - 1) * sd) / Math.sqrt(values.length), 8);
    }
  });

  it('rejects sums no real values could produce', () => {
    // Σx² ≥ (Σx)²/n always holds; here 10 < 36/3 = 12.
    expect(() => meanEstimate({ n: 3, sum: 6, sumOfSquares: 10 })).toThrow(RangeError);
    expect(() => meanEstimate({ n: 0, sum: 5, sumOfSquares: 25 })).toThrow(RangeError);
    expect(() => meanEstimate({ n: -1, sum: 0, sumOfSquares: 0 })).toThrow(RangeError);
    expect(() => meanEstimate({ n: 2, sum: Number.NaN, sumOfSquares: 0 })).toThrow(RangeError);
  });
});
