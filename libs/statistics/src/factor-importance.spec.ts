import { seededRandom } from '../test/seeded-random';
import { factorImportance, ScorePair } from './factor-importance';

const pairs = (factor: number[], integral: number[]): ScorePair[] => factor.map((f, i) => ({ factor: f, integral: integral[i] }));

describe('factorImportance', () => {
  it('matches a hand-computed Pearson correlation', () => {
    // x = 1, 2, 3 and y = 2, 4, 5: dx = −1, 0, 1, dy = −5/3, 1/3, 4/3,
    // Σdx·dy = 3, Σdx² = 2, Σdy² = 14/3, r = 3 / √(28/3) = 0.981981.
    expect(factorImportance(pairs([1, 2, 3], [2, 4, 5]))).toBeCloseTo(0.981981, 6);
  });

  it('is 1 for a factor that moves the integral score in lockstep, −1 against it, near 0 when unrelated', () => {
    expect(factorImportance(pairs([1, 2, 3, 4, 5], [0, 2.5, 5, 7.5, 10]))).toBe(1);
    expect(factorImportance(pairs([1, 2, 3, 4, 5], [10, 8, 6, 4, 2]))).toBe(-1);
    // Symmetric arrangement: Σdx·dy = 0 exactly.
    expect(factorImportance(pairs([1, 2, 3, 4, 5], [5, 1, 3, 1, 5]))).toBe(0);
  });

  it('is null with fewer than three pairs', () => {
    expect(factorImportance([])).toBeNull();
    expect(factorImportance(pairs([1, 5], [2, 9]))).toBeNull();
  });

  it('is null when either score does not vary', () => {
    expect(factorImportance(pairs([4, 4, 4, 4], [1, 5, 9, 10]))).toBeNull();
    expect(factorImportance(pairs([1, 2, 3, 4], [7, 7, 7, 7]))).toBeNull();
  });

  it('does not change when a scale is shifted or stretched, and stays within [-1, 1]', () => {
    const random = seededRandom(19);
    for (let trial = 0; trial < 100; trial++) {
      const factor = Array.from({ length: 30 }, () => Math.floor(random() * 5) + 1);
      const integral = factor.map((f) => Math.min(10, Math.max(0, Math.round(2 * f + 4 * random() - 2))));
      const r = factorImportance(pairs(factor, integral))!;
      expect(Math.abs(r)).toBeLessThanOrEqual(1);
      // The same answers on a 0-100 index instead of 1-5.
      expect(factorImportance(pairs(factor.map((f) => 25 * (f - 1)), integral))).toBeCloseTo(r, 12);
    }
  });

  it('weighs a pair given by several respondents as that many pairs', () => {
    const random = seededRandom(23);
    const given = Array.from({ length: 200 }, () => ({ factor: Math.floor(random() * 5) + 1, integral: Math.floor(random() * 11) }));
    const cells = new Map<string, ScorePair>();
    for (const { factor, integral } of given) {
      const cell = cells.get(`${factor}:${integral}`) ?? { factor, integral, count: 0 };
      cell.count! += 1;
      cells.set(`${factor}:${integral}`, cell);
    }
    expect(factorImportance([...cells.values()])).toBeCloseTo(factorImportance(given)!, 12);
    // Three respondents giving one pair twice and another once: enough pairs, and it varies.
    expect(factorImportance([{ factor: 1, integral: 2, count: 2 }, { factor: 5, integral: 9 }])).toBe(1);
    expect(factorImportance([{ factor: 1, integral: 2, count: 2 }, { factor: 5, integral: 9, count: 0 }, { factor: 3, integral: 4, count: 0 }])).toBeNull();
    expect(() => factorImportance([{ factor: 1, integral: 2, count: -1 }])).toThrow(RangeError);
  });

  it('rejects scores that are not finite numbers', () => {
    expect(() => factorImportance(pairs([1, Number.NaN, 3], [1, 2, 3]))).toThrow(RangeError);
  });
});
