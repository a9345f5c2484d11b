import { drawScores, randomInt, seededRandom } from '../test/seeded-random';
import { ces, cesFromScores, cesSums } from './ces';

describe('ces', () => {
  it('matches a hand-computed interval for five answers', () => {
    // 5, 6, 7, 6, 6: mean 6, Σ(x − 6)² = 2, s = √(2/4) = 0.707107, s/√5 = 0.316228,
    // t(0.975, 4) = 2.776445, half = 0.877989: 5.122011 to 6.877989.
    const result = cesFromScores([5, 6, 7, 6, 6]);
    expect(result.value).toBe(6);
    expect(result.sd).toBeCloseTo(0.707107, 6);
    expect(result.ci95![0]).toBeCloseTo(5.122011, 6);
    expect(result.ci95![1]).toBeCloseTo(6.877989, 6);
  });

  it('takes aggregates straight from SQL and agrees with the raw answers', () => {
    // count(*) = 5, sum = 30, sum of squares = 25 + 36 + 49 + 36 + 36 = 182.
    expect(cesSums([5, 6, 7, 6, 6])).toEqual({ n: 5, sum: 30, sumOfSquares: 182 });
    expect(ces({ n: 5, sum: 30, sumOfSquares: 182 })).toEqual(cesFromScores([5, 6, 7, 6, 6]));
  });

  it('has zero width when every answer is the same', () => {
    const result = cesFromScores([7, 7, 7, 7]);
    expect(result.value).toBe(7);
    expect(result.ci95).toEqual([7, 7]);
  });

  it('has no interval below two answers and no value without answers', () => {
    expect(cesFromScores([4])).toEqual({ n: 1, value: 4, sd: null, ci95: null });
    expect(cesFromScores([])).toEqual({ n: 0, value: null, sd: null, ci95: null });
  });

  it('rejects answers off the 1-7 scale, and aggregates whose mean is off it', () => {
    expect(() => cesFromScores([8])).toThrow(RangeError);
    expect(() => cesFromScores([0])).toThrow(RangeError);
    expect(() => cesFromScores([3.5])).toThrow(RangeError);
    expect(() => ces({ n: 2, sum: 16, sumOfSquares: 128 })).toThrow(RangeError);
  });

  it('contains the mean for random samples', () => {
    const random = seededRandom(23);
    for (let trial = 0; trial < 300; trial++) {
      const weights = new Map([1, 2, 3, 4, 5, 6, 7].map((score) => [score, random()]));
      const result = cesFromScores(drawScores(random, randomInt(random, 2, 300), weights));
      expect(result.ci95![0]).toBeLessThanOrEqual(result.value!);
      expect(result.ci95![1]).toBeGreaterThanOrEqual(result.value!);
    }
  });

  it('covers the true mean in about 95% of simulated samples', () => {
    // Answers 3, 5, 6, 7 with weights 1, 2, 3, 4: true mean = (3 + 10 + 18 + 28) / 10 = 5.9.
    const random = seededRandom(31);
    const weights = new Map([[3, 1], [5, 2], [6, 3], [7, 4]]);
    const trials = 2000;
    let covered = 0;
    for (let trial = 0; trial < trials; trial++) {
      const [low, high] = cesFromScores(drawScores(random, 60, weights)).ci95!;
      if (low <= 5.9 && 5.9 <= high) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.93);
    expect(covered / trials).toBeLessThan(0.97);
  });
});
